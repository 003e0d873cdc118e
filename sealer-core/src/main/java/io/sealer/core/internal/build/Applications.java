package io.sealer.core.internal.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Decides an application's type and launch files from its sources, as sealer does: {@code helm} when a source is a
 * chart, {@code shell} when every file is a {@code .sh} script, {@code kube} when every file is YAML, otherwise no
 * type (then {@code APPCMDS} must say how to launch it).
 */
public final class Applications {
    static final String HELM = "helm";
    static final String SHELL = "shell";
    static final String KUBE = "kube";

    private Applications() {
    }

    /** The detected type and launch files of an application. */
    record Detected(String type, List<String> files) {
    }

    static Detected detect(String name, List<Path> sources) throws IOException {
        if (sources.stream().anyMatch(Applications::isChart) || isChartParts(sources)) {
            return new Detected(HELM, List.of(name));
        }
        List<String> all = new ArrayList<>();
        for (Path source : sources) {
            all.addAll(launchFiles(source));
        }
        if (!all.isEmpty() && all.stream().allMatch(f -> f.toLowerCase(Locale.ROOT).endsWith(".sh"))) {
            return new Detected(SHELL, launchFiles(sources.get(0)));
        }
        if (!all.isEmpty() && all.stream().allMatch(Applications::isYaml)) {
            return new Detected(KUBE, all);
        }
        return new Detected("", all);
    }

    /** The default launch command of an application, run on master0 from the rootfs directory. */
    public static List<String> launchCommands(String name, String type, List<String> files, List<String> appCmds) {
        String root = "application/apps/" + name + "/";
        if (!appCmds.isEmpty()) {
            return List.of("cd " + root + " && " + String.join(" ", appCmds));
        }
        return switch (type) {
            case KUBE -> List.of(String.join(" && ", files.stream().map(f -> "kubectl apply -f " + root + f).toList()));
            case HELM -> List.of("helm install " + name + " " + root);
            case SHELL -> List.of(String.join(" && ", files.stream().map(f -> "bash " + root + f).toList()));
            default -> List.of();
        };
    }

    private static boolean isYaml(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    private static boolean isChart(Path dir) {
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("Chart.yaml"))
                && Files.isDirectory(dir.resolve("templates"));
    }

    private static boolean isChartParts(List<Path> sources) {
        List<String> names = sources.stream().map(p -> p.getFileName().toString()).toList();
        return names.contains("Chart.yaml") && names.contains("templates");
    }

    private static List<String> launchFiles(Path source) throws IOException {
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            return List.of(source.getFileName().toString());
        }
        try (Stream<Path> walk = Files.walk(source)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> source.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }
}
