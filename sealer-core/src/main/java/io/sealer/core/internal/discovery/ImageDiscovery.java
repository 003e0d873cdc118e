package io.sealer.core.internal.discovery;

import io.sealer.api.event.Progress;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Subject;
import io.sealer.api.build.DiscoveryOptions;

import io.sealer.api.BuildException;
import io.sealer.api.image.ImageReference;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Finds the container images a cluster image needs, given the directory holding (the merged view of) its new layers:
 * <ul>
 *   <li>{@code manifests/**} files ending {@code .yaml}, {@code .yml}, {@code .tmpl} or {@code .json}: every document
 *       walked for string values under keys named {@code image} or ending in {@code image}/{@code Image}, at any
 *       depth; documents that do not parse are read with sealer's line rule, with a warning;</li>
 *   <li>{@code charts/**}: every chart (a directory with {@code Chart.yaml} and {@code templates/}, or a packaged
 *       {@code .tgz}) rendered with Helm, client-only as {@code helm template} ({@code lookup} finds nothing), with
 *       the defaults plus {@link DiscoveryOptions#helmValuesFiles()}; sub-charts only through their parent; library
 *       charts and charts that render nothing give nothing;</li>
 *   <li>{@code application/apps/<app>/}: charts as above, other manifest files as in {@code manifests/};</li>
 *   <li>{@code manifests/imageList}: one reference per line, blank lines and {@code #} comments skipped.</li>
 * </ul>
 * Besides image keys, the walk takes fully-qualified references from containers' {@code args}, {@code command} and
 * {@code env[].value} (images operators launch), skips the images of components switched off with
 * {@code enabled: false} beside them (with a warning), and gives an operator's {@code baseImage} the {@code version}
 * next to it or in the parent mapping (a warning when there is none, never {@code :latest}).
 * Templated or invalid values become warnings, never failures. Only unreadable files and charts Helm rejects fail,
 * with a {@link BuildException} naming them.
 *
 * <pre>{@code
 * DiscoveryResult result = new ImageDiscovery(DiscoveryOptions.defaults()).discover(rootfs);
 * result.images().forEach(image -> pull(image));
 * }</pre>
 */
public final class ImageDiscovery {
    static final String MANIFESTS = "manifests";
    static final String CHARTS = "charts";
    static final String APPS = "application/apps";
    /** The rootfs directories discovery reads, relative to the rootfs. */
    public static final List<String> SEARCHED = List.of(MANIFESTS, CHARTS, APPS);
    static final String IMAGE_LIST = "manifests/imageList";
    static final String EXTRA_IMAGES = "extra image list";

    private final DiscoveryOptions options;
    private final Progress progress;

    public ImageDiscovery(DiscoveryOptions options) {
        this(options, Progress.NONE);
    }

    /** Discovery that reports a DISCOVERY operation, with each warning, under {@code progress}. */
    public ImageDiscovery(DiscoveryOptions options, Progress progress) {
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Scans {@code root}.
     *
     * @throws BuildException when {@code root} is not a directory, a file cannot be read, a values file is missing or
     *     Helm rejects a chart
     */
    public DiscoveryResult discover(Path root) {
        if (!Files.isDirectory(root)) {
            throw new BuildException(root.toString(), 0, "image discovery needs a directory", null);
        }
        for (Path values : options.helmValuesFiles()) {
            if (!Files.isReadable(values)) {
                throw new BuildException(values.toString(), 0, "Helm values file cannot be read", null);
            }
        }
        Progress op = progress.start(OperationKind.DISCOVERY, Subject.NONE, "finding container images");
        ImageCollector collector = new ImageCollector(op);
        Walk walk = new Walk(root, collector, new ManifestScanner(collector),
                new ChartRenderer(options.helmValuesFiles()));
        walk.manifests(root.resolve(MANIFESTS));
        walk.charts(root.resolve(CHARTS), false);
        walk.charts(root.resolve(APPS), true);
        readImageList(root.resolve(IMAGE_LIST), collector);
        options.extraImages().forEach(image -> collector.add(image, EXTRA_IMAGES));
        DiscoveryResult result = collector.result(options.ignoredImages());
        op.finished(result.images().size() + " images, " + result.warnings().size() + " warnings");
        return result;
    }

    private static void readImageList(Path file, ImageCollector collector) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String value = line.strip();
                if (value.isEmpty() || value.startsWith("#")) {
                    continue;
                }
                collector.candidate(value, IMAGE_LIST + ":" + number);
            }
        } catch (IOException e) {
            throw new BuildException(IMAGE_LIST, 0, "cannot read the image list: " + e.getMessage(), e);
        }
    }

    /** One traversal of a root directory. */
    private record Walk(Path root, ImageCollector collector, ManifestScanner scanner, ChartRenderer renderer) {

        /**
         * Scans the manifest files under {@code dir} in one file-tree walk (one {@code stat} a file), in the order a
         * depth-first walk with sorted directory entries gives.
         */
        void manifests(Path dir) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            List<ManifestFile> files = new ArrayList<>();
            try {
                Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        if (hasManifestName(file)) {
                            if (attrs.isRegularFile()) {
                                files.add(new ManifestFile(file, name(file), attrs.size()));
                            } else if (attrs.isSymbolicLink() && Files.isRegularFile(file)) {
                                files.add(new ManifestFile(file, name(file), Files.size(file)));
                            }
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        throw new BuildException(name(file), 0, "cannot list directory: " + e.getMessage(), e);
                    }
                });
            } catch (IOException e) {
                throw new BuildException(name(dir), 0, "cannot list directory: " + e.getMessage(), e);
            }
            files.sort(Comparator.comparing(ManifestFile::name, Walk::compareNames));
            for (ManifestFile file : files) {
                scanner.scanFile(file.path(), file.name(), file.size());
            }
        }

        /** Orders relative names as sorted directory entries walked depth first: {@code /} sorts first. */
        private static int compareNames(String a, String b) {
            int n = Math.min(a.length(), b.length());
            for (int i = 0; i < n; i++) {
                char x = a.charAt(i);
                char y = b.charAt(i);
                if (x != y) {
                    return x == '/' ? -1 : y == '/' ? 1 : Character.compare(x, y);
                }
            }
            return Integer.compare(a.length(), b.length());
        }

        /** Renders every chart under {@code dir}, not descending into a chart; also scans manifests when asked. */
        void charts(Path dir, boolean scanManifests) {
            if (ChartRenderer.isChart(dir)) {
                String chart = name(dir);
                scanner.scanRendered(renderer.render(dir, chart), chart);
                return;
            }
            for (Path child : children(dir)) {
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    charts(child, scanManifests);
                } else if (ChartRenderer.isPackagedChart(child)) {
                    String chart = name(child);
                    scanner.scanRendered(renderer.render(child, chart), chart);
                } else if (scanManifests && isManifestFile(child)) {
                    scanner.scanFile(child, name(child));
                }
            }
        }

        private List<Path> children(Path dir) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return List.of();
            }
            try (Stream<Path> list = Files.list(dir)) {
                return list.sorted().toList();
            } catch (IOException e) {
                throw new BuildException(name(dir), 0, "cannot list directory: " + e.getMessage(), e);
            }
        }

        private String name(Path path) {
            return root.relativize(path).toString().replace('\\', '/');
        }

        private static boolean isManifestFile(Path file) {
            return hasManifestName(file) && Files.isRegularFile(file);
        }

        private static boolean hasManifestName(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".tmpl") || name.endsWith(".json");
        }
    }

    /** A manifest file found by the walk, with its name relative to the root and its size. */
    private record ManifestFile(Path path, String name, long size) {
    }
}
