package io.sealer.core.internal.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.sealer.api.BuildException;
import io.sealer.core.internal.io.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a chart with the real Helm template engine, in-process (helm-java), the way sealer does: release name
 * {@code dryrun}, the chart's default values (parent values coalesced into sub-charts), then the given values files in
 * order. Rendering is client-only, as {@code helm template}: {@code lookup} finds nothing (see
 * {@link ClientOnlyTemplates}). A chart is a directory or a packaged {@code .tgz}; a library chart renders nothing.
 */
final class ChartRenderer {
    static final String RELEASE_NAME = "dryrun";
    private static final Logger LOG = LoggerFactory.getLogger(ChartRenderer.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<Path> valuesFiles;
    /** Where unpacked and rewritten copies of charts go, for the time of one rendering; null: the system's. */
    private final Path tempRoot;

    ChartRenderer(List<Path> valuesFiles) {
        this(valuesFiles, null);
    }

    ChartRenderer(List<Path> valuesFiles, Path tempRoot) {
        this.valuesFiles = List.copyOf(valuesFiles);
        this.tempRoot = tempRoot;
    }

    /** True when {@code dir} holds a {@code Chart.yaml} file and a {@code templates} directory. */
    static boolean isChart(Path dir) {
        return Files.isRegularFile(dir.resolve("Chart.yaml")) && Files.isDirectory(dir.resolve("templates"));
    }

    /** True when {@code file} is a regular file named like a packaged chart ({@code .tgz}, {@code .tar.gz}). */
    static boolean isPackagedChart(Path file) {
        return ChartArchives.isArchive(file.getFileName().toString()) && Files.isRegularFile(file);
    }

    /**
     * Renders the chart directory or packaged chart {@code chart}; {@code name} is its path as shown in messages.
     * Returns an empty string for a library chart or a chart that renders nothing.
     *
     * @throws BuildException naming {@code name/Chart.yaml} when Helm rejects the chart's metadata, {@code name} when
     *     the chart cannot be read, unpacked, loaded or rendered
     */
    String render(Path chart, String name) {
        Path workspace = null;
        try {
            Path chartDir = chart;
            if (!Files.isDirectory(chart)) {
                workspace = workspace();
                chartDir = ChartArchives.extract(chart, workspace.resolve("chart"), name);
            }
            if (!Files.isReadable(chartDir.resolve("Chart.yaml"))) {
                throw new BuildException(name + "/Chart.yaml", 0, "cannot read the chart's Chart.yaml", null);
            }
            if (isLibrary(chartDir)) {
                LOG.debug("{}: a library chart: nothing to render", name);
                return "";
            }
            if (needsClientOnlyCopy(chartDir)) {
                if (workspace == null) {
                    workspace = workspace();
                    chartDir = copy(chartDir, workspace.resolve("chart"));
                }
                prepare(chartDir, name);
            }
            String rendered = helm(chartDir, name);
            if (rendered == null || rendered.isBlank()) {
                LOG.debug("{}: the chart renders nothing", name);
                return "";
            }
            return rendered;
        } catch (IOException | UncheckedIOException e) {
            throw new BuildException(name, 0, "cannot read the chart: " + e.getMessage(), e);
        } finally {
            if (workspace != null) {
                Trees.deleteQuietly(workspace);
            }
        }
    }

    private Path workspace() throws IOException {
        return tempRoot == null ? Files.createTempDirectory("sealer-chart-")
                : Files.createTempDirectory(tempRoot, "sealer-chart-");
    }

    private String helm(Path chartDir, String name) {
        try {
            TemplateCommand command = new Helm(chartDir).template().withName(RELEASE_NAME);
            for (Path values : valuesFiles) {
                command = command.withValuesFile(values);
            }
            TemplateCommand ready = command;
            return NativeHelm.call(name, ready::call);
        } catch (BuildException e) {
            throw e;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            String lower = message.toLowerCase(Locale.ROOT);
            boolean metadata = lower.contains("chart.yaml") || lower.contains("chart.metadata");
            String source = metadata ? name + "/Chart.yaml" : name;
            throw new BuildException(source, 0, "Helm could not " + (metadata ? "load" : "render")
                    + " the chart: " + message, e);
        }
    }

    /** {@code type: library} in Chart.yaml; a Chart.yaml that does not parse is left to Helm to reject. */
    private static boolean isLibrary(Path chartDir) throws IOException {
        JsonNode chart;
        try {
            chart = YAML.readTree(chartDir.resolve("Chart.yaml").toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return false;
        }
        return chart != null && "library".equals(chart.path("type").asText(""));
    }

    /**
     * Whether the chart must be rendered from a prepared copy: a template of it or of a sub-chart mentions
     * {@code lookup}, or a sub-chart is packaged (its templates cannot be read in place).
     */
    private static boolean needsClientOnlyCopy(Path chartDir) throws IOException {
        try (Stream<Path> files = Files.walk(chartDir, FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(Files::isRegularFile).anyMatch(file -> {
                Path relative = chartDir.relativize(file);
                if (ChartArchives.isArchive(file.getFileName().toString()) && isInChartsDir(relative)) {
                    return true;
                }
                return isTemplate(relative) && mentionsLookup(file);
            });
        }
    }

    /**
     * Unpacks the packaged sub-charts of the copy at {@code chartDir} (recursively) and rewrites every template that
     * may call {@code lookup}.
     */
    private static void prepare(Path chartDir, String name) throws IOException {
        boolean unpacked = true;
        while (unpacked) {
            unpacked = false;
            List<Path> archives;
            try (Stream<Path> files = Files.walk(chartDir)) {
                archives = files.filter(file -> ChartArchives.isArchive(file.getFileName().toString())
                        && Files.isRegularFile(file) && isInChartsDir(chartDir.relativize(file))).toList();
            }
            for (Path archive : archives) {
                String file = archive.getFileName().toString();
                Path target = archive.resolveSibling(ChartArchives.baseName(file));
                for (int n = 2; Files.exists(target); n++) {
                    target = archive.resolveSibling(ChartArchives.baseName(file) + "-" + n);
                }
                ChartArchives.extract(archive, target, name + " (" + chartDir.relativize(archive) + ")");
                Files.delete(archive);
                unpacked = true;
            }
        }
        List<Path> templates;
        try (Stream<Path> files = Files.walk(chartDir)) {
            templates = files.filter(Files::isRegularFile).filter(file -> isTemplate(chartDir.relativize(file)))
                    .toList();
        }
        for (Path template : templates) {
            byte[] bytes = Files.readAllBytes(template);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (ClientOnlyTemplates.mayLookUp(text)) {
                Files.writeString(template, ClientOnlyTemplates.rewrite(text), StandardCharsets.UTF_8);
            }
        }
    }

    /** Copies the chart directory {@code from} to {@code to}, following symbolic links as Helm's loader does. */
    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }

    /** A file under a {@code templates} directory of the chart or of a sub-chart. */
    private static boolean isTemplate(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            if (relative.getName(i).toString().equals("templates")) {
                return true;
            }
        }
        return false;
    }

    /** A file directly in a {@code charts} directory: where Helm finds sub-charts. */
    private static boolean isInChartsDir(Path relative) {
        int n = relative.getNameCount();
        return n >= 2 && relative.getName(n - 2).toString().equals("charts");
    }

    private static boolean mentionsLookup(Path file) {
        try {
            return ClientOnlyTemplates.mayLookUp(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
