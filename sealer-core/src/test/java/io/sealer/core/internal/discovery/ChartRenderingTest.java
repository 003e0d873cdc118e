package io.sealer.core.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.BuildException;
import io.sealer.api.build.DiscoveryOptions;
import io.sealer.api.image.ImageReference;
import io.sealer.core.internal.io.Trees;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts as they come: bitnami's redis chart (trimmed, see {@code realworld/README.md}) whose password handling calls
 * {@code lookup}, its {@code common} library chart, packaged charts and charts that render nothing.
 */
class ChartRenderingTest {
    private static final String REDIS = "docker.io/bitnami/redis:8.2.1-debian-12-r0";

    @TempDir
    Path root;

    @Test
    void bitnamiRedisWithLookupRendersClientOnly() throws Exception {
        copyRedisWithCommon(root.resolve("charts/redis"));

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly(REDIS);
        assertThat(result.sourcesOf(ImageReference.parse(REDIS)))
                .containsExactly("charts/redis (redis/templates/master/application.yaml)");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void lookupReturnsAnEmptyMapSoTemplatesTakeTheirNotFoundBranch() throws IOException {
        write("charts/app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\n");
        write("charts/app/templates/deploy.yaml", """
                {{- $secret := lookup "v1" "Secret" .Release.Namespace "app" }}
                {{- $all := lookup "v1" "ConfigMap" "" "" }}
                {{- if and (not $secret) (empty $all) (eq (len (lookup "v1" "Pod" "ns" "p")) 0) }}
                image: "registry.example.com/app:not-found"
                {{- else }}
                image: "registry.example.com/app:found"
                {{- end }}
                """);

        assertThat(discover().fullNames()).containsExactly("registry.example.com/app:not-found");
    }

    @Test
    void libraryChartIsSkipped() throws Exception {
        copyResource("realworld/bitnami/common", root.resolve("charts/common"));
        write("charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        write("charts/web/templates/pod.yaml", "image: nginx:1.25\n");

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly("docker.io/library/nginx:1.25");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void chartThatRendersNothingFindsNothing() throws IOException {
        write("charts/off/Chart.yaml", "apiVersion: v2\nname: off\nversion: 0.1.0\n");
        write("charts/off/values.yaml", "enabled: false\n");
        write("charts/off/templates/pod.yaml", "{{- if .Values.enabled }}\nimage: nginx:1.25\n{{- end }}\n");
        write("charts/empty/Chart.yaml", "apiVersion: v2\nname: empty\nversion: 0.1.0\n");
        Files.createDirectories(root.resolve("charts/empty/templates"));

        DiscoveryResult result = discover();

        assertThat(result.images()).isEmpty();
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void packagedChartWithAPackagedDependencyIsRenderedLikeADirectory() throws Exception {
        Path work = Files.createTempDirectory(root, "work");
        copyResource("realworld/bitnami/common", work.resolve("common"));
        copyResource("realworld/bitnami/redis", work.resolve("redis"));
        Files.createDirectories(work.resolve("redis/charts"));
        tgz(work.resolve("common"), "common", work.resolve("redis/charts/common-2.31.10.tgz"));
        tgz(work.resolve("redis"), "redis", root.resolve("charts/redis-23.1.1.tgz"));
        tgz(work.resolve("common"), "common", root.resolve("application/apps/lib/common-2.31.10.tgz"));
        Trees.deleteRecursively(work);

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly(REDIS);
        assertThat(result.sourcesOf(ImageReference.parse(REDIS)))
                .containsExactly("charts/redis-23.1.1.tgz (redis/templates/master/application.yaml)");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void unpackedAndRewrittenCopiesAreRemovedAndTheChartIsLeftAsItWas() throws Exception {
        Path redis = root.resolve("charts/redis");
        copyRedisWithCommon(redis);
        String secrets = Files.readString(redis.resolve("charts/common/templates/_secrets.tpl"));
        Path temp = Files.createDirectory(root.resolve("temp"));

        String rendered = new ChartRenderer(List.of(), temp).render(redis, "charts/redis");

        assertThat(rendered).contains("image: " + REDIS).contains("redis-password: ");
        assertThat(temp).isEmptyDirectory();
        assertThat(redis.resolve("charts/common/templates/_secrets.tpl")).hasContent(secrets);
    }

    @Test
    void packagedChartIsRenderedWithValuesFiles() throws Exception {
        Path chart = root.resolve("src");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: app\nversion: 1.0.0\n");
        Files.writeString(chart.resolve("values.yaml"), "tag: \"1\"\n");
        Files.writeString(chart.resolve("templates/pod.yaml"), "image: quay.io/app/app:{{ .Values.tag }}\n");
        tgz(chart, "app", root.resolve("charts/app-1.0.0.tgz"));
        Path values = write("values.yaml", "tag: \"2\"\n");

        DiscoveryResult result = new ImageDiscovery(DiscoveryOptions.defaults().withHelmValuesFiles(List.of(values)))
                .discover(root);

        assertThat(result.fullNames()).containsExactly("quay.io/app/app:2");
    }

    @Test
    void packagedChartWithAPathOutsideTheChartIsRejected() throws IOException {
        Path archive = root.resolve("charts/evil-0.1.0.tgz");
        Files.createDirectories(archive.getParent());
        try (OutputStream out = Files.newOutputStream(archive);
                GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            entry(tar, "evil/Chart.yaml", "apiVersion: v2\nname: evil\nversion: 0.1.0\n");
            entry(tar, "evil/templates/../../../escaped.yaml", "image: nginx\n");
        }

        assertThatThrownBy(this::discover).isInstanceOf(BuildException.class)
                .hasMessageStartingWith("charts/evil-0.1.0.tgz: the chart archive holds a path outside the chart");
        assertThat(root.resolve("escaped.yaml")).doesNotExist();
        assertThat(root.getParent().resolve("escaped.yaml")).doesNotExist();
    }

    @Test
    void anArchiveThatIsNotGzipIsATypedError() throws IOException {
        write("charts/broken-0.1.0.tgz", "not gzip");

        assertThatThrownBy(this::discover).isInstanceOf(BuildException.class)
                .hasMessageStartingWith("charts/broken-0.1.0.tgz: not a packaged chart");
    }

    private DiscoveryResult discover() {
        return new ImageDiscovery(DiscoveryOptions.defaults()).discover(root);
    }

    private void copyRedisWithCommon(Path redis) throws IOException, URISyntaxException {
        copyResource("realworld/bitnami/redis", redis);
        copyResource("realworld/bitnami/common", redis.resolve("charts/common"));
    }

    private Path write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    static void copyResource(String resource, Path dest) throws IOException, URISyntaxException {
        Path source = Path.of(ChartRenderingTest.class.getClassLoader().getResource(resource).toURI());
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path to = dest.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(file, to);
                }
            }
        }
    }

    /** Packs {@code dir} as {@code helm package} does: every file under the top directory {@code top}. */
    private static void tgz(Path dir, String top, Path archive) throws IOException {
        Files.createDirectories(archive.getParent());
        try (OutputStream out = Files.newOutputStream(archive);
                GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip);
                Stream<Path> files = Files.walk(dir)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = top + "/" + dir.relativize(file).toString().replace('\\', '/');
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(Files.size(file));
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
        }
    }

    private static void entry(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
