package io.sealer.core.internal.plugin.builtin;

import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.plugin.Phase;
import io.sealer.api.plugin.Plugin;
import io.sealer.api.plugin.PluginContext;
import io.sealer.api.spi.ExecResult;
import java.lang.System.Logger.Level;

/**
 * {@code SHELL}: runs {@code data} on each target host in turn, from the cluster's rootfs directory, as sealer does:
 * {@code cd <rootfs> && <data>}; in phase {@code Originally} (the rootfs is not there yet) just {@code <data>}; in the
 * clean and uninstall phases {@code if [ ! -d <rootfs> ]; then exit 0; fi; cd <rootfs> && <data>}, so a host whose
 * rootfs is already gone is skipped. The trailing newlines of {@code data} are dropped; the host's environment is
 * exported by the context. The first host where the command exits non-zero stops the plugin.
 */
public final class ShellPlugin implements Plugin {
    /** The type name. */
    public static final String TYPE = "SHELL";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(PluginContext context, Phase phase) {
        PluginSpec spec = context.spec();
        String script = stripTrailingNewlines(spec.data());
        if (script.isBlank()) {
            throw PluginFailures.badData(spec, "empty; expected the shell commands to run");
        }
        String command = command(phase, context.rootfs(), script);
        for (String host : context.hosts()) {
            ExecResult result = context.exec(host, command);
            if (!result.succeeded()) {
                throw PluginFailures.commandFailed(spec, host, "the shell commands in phase " + phase.displayName(),
                        result);
            }
        }
        context.logger().log(Level.INFO, "plugin " + spec.name() + " (" + TYPE + ") ran in phase "
                + phase.displayName() + " on " + context.hosts());
    }

    /** The command run on each host for the phase. */
    static String command(Phase phase, String rootfs, String script) {
        if (phase == Phase.ORIGINALLY) {
            return script;
        }
        String dir = ShellWords.quote(rootfs);
        String command = "cd " + dir + " && " + script;
        if (Phases.CLEAN.contains(phase)) {
            return "if [ ! -d " + dir + " ]; then exit 0; fi; " + command;
        }
        return command;
    }

    private static String stripTrailingNewlines(String data) {
        int end = data.length();
        while (end > 0 && (data.charAt(end - 1) == '\n' || data.charAt(end - 1) == '\r')) {
            end--;
        }
        return data.substring(0, end);
    }
}
