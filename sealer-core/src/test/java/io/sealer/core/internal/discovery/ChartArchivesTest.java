package io.sealer.core.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.BuildException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChartArchivesTest {
    @TempDir
    Path dir;

    @Test
    void dropsTheTopDirectoryAndTakesOnlyRegularFiles() throws IOException {
        Path archive = archive(tar -> {
            file(tar, "app/Chart.yaml", "name: app\n");
            file(tar, "./app/templates/pod.yaml", "kind: Pod\n");
            file(tar, "app\\templates\\windows.yaml", "kind: Windows\n");
            file(tar, "top-level-file", "ignored\n");
            TarArchiveEntry link = new TarArchiveEntry("app/templates/link.yaml", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        });

        Path chart = ChartArchives.extract(archive, dir.resolve("out/chart"), "charts/app.tgz");

        assertThat(chart.resolve("Chart.yaml")).hasContent("name: app");
        assertThat(chart.resolve("templates/pod.yaml")).hasContent("kind: Pod");
        assertThat(chart.resolve("templates/windows.yaml")).hasContent("kind: Windows");
        assertThat(chart.resolve("templates/link.yaml")).doesNotExist();
        assertThat(dir.resolve("out/top-level-file")).doesNotExist();
        assertThat(chart.resolve("top-level-file")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"app/../../escape.yaml", "/etc/escape.yaml", "app/templates/../../../escape.yaml",
            "app\\..\\..\\escape.yaml", "C:/escape.yaml", "app/.."})
    void refusesPathsOutsideTheChart(String name) throws IOException {
        Path archive = archive(tar -> file(tar, name, "x"));

        assertThatThrownBy(() -> ChartArchives.extract(archive, dir.resolve("out/chart"), "charts/app.tgz"))
                .isInstanceOf(BuildException.class)
                .hasMessageStartingWith("charts/app.tgz: the chart archive holds a path outside the chart");
        try (var files = Files.walk(dir)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).doesNotContain("escape.yaml");
        }
    }

    @Test
    void namesArchives() {
        assertThat(ChartArchives.isArchive("redis-23.1.1.tgz")).isTrue();
        assertThat(ChartArchives.isArchive("redis-23.1.1.TAR.GZ")).isTrue();
        assertThat(ChartArchives.isArchive("redis.tar")).isFalse();
        assertThat(ChartArchives.baseName("redis-23.1.1.tgz")).isEqualTo("redis-23.1.1");
        assertThat(ChartArchives.baseName("redis-23.1.1.tar.gz")).isEqualTo("redis-23.1.1");
    }

    private interface Writer {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private Path archive(Writer writer) throws IOException {
        Path archive = dir.resolve("chart.tgz");
        try (OutputStream out = Files.newOutputStream(archive);
                GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            writer.write(tar);
        }
        return archive;
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
