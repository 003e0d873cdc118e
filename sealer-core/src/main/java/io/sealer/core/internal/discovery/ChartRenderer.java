package io.sealer.core.internal.discovery;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.sealer.api.BuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Renders a chart directory with the real Helm template engine, in-process (helm-java), the way sealer does: release
 * name {@code dryrun}, the chart's default values (parent values coalesced into sub-charts), then the given values
 * files in order.
 */
final class ChartRenderer {
    static final String RELEASE_NAME = "dryrun";

    private final List<Path> valuesFiles;

    ChartRenderer(List<Path> valuesFiles) {
        this.valuesFiles = List.copyOf(valuesFiles);
    }

    /** True when {@code dir} holds a {@code Chart.yaml} file and a {@code templates} directory. */
    static boolean isChart(Path dir) {
        return Files.isRegularFile(dir.resolve("Chart.yaml")) && Files.isDirectory(dir.resolve("templates"));
    }

    /**
     * Renders {@code chartDir}; {@code name} is its path as shown in messages.
     *
     * @throws BuildException naming {@code name/Chart.yaml} when Helm rejects the chart's metadata, or {@code name}
     *     when the chart cannot be loaded or rendered
     */
    String render(Path chartDir, String name) {
        if (!Files.isReadable(chartDir.resolve("Chart.yaml"))) {
            throw new BuildException(name + "/Chart.yaml", 0, "cannot read the chart's Chart.yaml", null);
        }
        try {
            TemplateCommand command = new Helm(chartDir).template().withName(RELEASE_NAME);
            for (Path values : valuesFiles) {
                command = command.withValuesFile(values);
            }
            return command.call();
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            String lower = message.toLowerCase(Locale.ROOT);
            boolean metadata = lower.contains("chart.yaml") || lower.contains("chart.metadata");
            String source = metadata ? name + "/Chart.yaml" : name;
            throw new BuildException(source, 0, "Helm could not " + (metadata ? "load" : "render")
                    + " the chart: " + message, e);
        }
    }
}
