package io.sealer.core.internal.plugin.builtin;

import io.sealer.api.PluginException;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.spi.ExecResult;
import java.util.List;

/** The errors of the built-in plugins, each naming the Plugin document ({@code metadata.name}). */
final class PluginFailures {
    /** Output lines quoted in an error about a command. */
    static final int QUOTED_LINES = 20;

    private PluginFailures() {
    }

    /** A line of {@code data} that does not say what the type expects. */
    static PluginException badLine(PluginSpec spec, DataLine line, String problem) {
        return new PluginException(spec.name(), spec.type() + " data line " + line.number() + " '" + line.text()
                + "': " + problem, null);
    }

    /** {@code data} as a whole is unusable. */
    static PluginException badData(PluginSpec spec, String problem) {
        return new PluginException(spec.name(), spec.type() + " data: " + problem, null);
    }

    /** A failure that is not about {@code data}. */
    static PluginException failed(PluginSpec spec, String problem, Throwable cause) {
        return new PluginException(spec.name(), spec.type() + ": " + problem, cause);
    }

    /** A command that exited non-zero on a host. */
    static PluginException commandFailed(PluginSpec spec, String host, String what, ExecResult result) {
        return failed(spec, what + " on " + host + " failed with exit status " + result.exitStatus()
                + lastLines(result.lastLines()), null);
    }

    /** {@code ; last output lines:} and the last lines, indented; empty when there is no output. */
    static String lastLines(List<String> lines) {
        if (lines.isEmpty()) {
            return " (no output)";
        }
        List<String> tail = lines.subList(Math.max(0, lines.size() - QUOTED_LINES), lines.size());
        return "; last output lines:\n  " + String.join("\n  ", tail);
    }
}
