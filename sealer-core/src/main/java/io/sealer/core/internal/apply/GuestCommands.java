package io.sealer.core.internal.apply;

import io.sealer.api.ClusterfileException;
import io.sealer.api.cluster.Cluster;
import io.sealer.api.image.Application;
import io.sealer.api.image.ImageConfig;
import io.sealer.core.internal.build.Applications;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands an image runs on master0 once the cluster is up (sealer's guest, spec 7.1 step 10, and the launch of
 * its applications, spec 4.3), with the image's ARGs (overridden by the Clusterfile's {@code cmd_args}) expanded.
 */
final class GuestCommands {
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");

    private GuestCommands() {
    }

    /**
     * The commands, in order.
     *
     * @param appImage whether the image is an application image (its own commands only, not its parents')
     */
    static List<String> of(Cluster cluster, ImageConfig config, boolean appImage, String source) {
        Map<String, String> args = new LinkedHashMap<>(config.args());
        for (String entry : cluster.cmdArgs()) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                args.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        List<String> own = cluster.cmds().isEmpty() ? config.cmds() : cluster.cmds();
        LinkedHashSet<String> commands = new LinkedHashSet<>();
        if (!appImage) {
            commands.addAll(config.parentCmds());
        }
        commands.addAll(own);
        List<String> result = new ArrayList<>();
        for (String command : commands) {
            if (!command.isBlank()) {
                result.add(expand(command, args));
            }
        }
        result.addAll(launches(cluster, config, source));
        return result;
    }

    private static List<String> launches(Cluster cluster, ImageConfig config, String source) {
        List<String> names = cluster.appNames().isEmpty() ? config.launchApps() : cluster.appNames();
        List<String> commands = new ArrayList<>();
        for (String name : names) {
            Application app = config.applications().stream().filter(a -> a.name().equals(name)).findFirst()
                    .orElseThrow(() -> new ClusterfileException(source, 0, "spec.appNames", "the image has no"
                            + " application named '" + name + "'; it has " + config.applications().stream()
                            .map(Application::name).toList()));
            commands.addAll(Applications.launchCommands(app.name(), app.type(), app.files(), app.cmds()));
        }
        return commands;
    }

    /** Replaces {@code $NAME} and {@code ${NAME}} of known args; other variables are left for the shell. */
    static String expand(String command, Map<String, String> args) {
        Matcher matcher = VARIABLE.matcher(command);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            String value = args.get(name);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : matcher.group()));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
