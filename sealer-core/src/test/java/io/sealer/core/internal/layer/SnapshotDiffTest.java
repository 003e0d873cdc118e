package io.sealer.core.internal.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotDiffTest {
    @TempDir
    Path tmp;

    @Test
    void findsAddedChangedAndDeletedPathsAndBuildsALayerWithWhiteouts() throws IOException {
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/keep"), "same");
        Files.writeString(rootfs.resolve("etc/edit"), "before");
        Files.writeString(rootfs.resolve("etc/chmod"), "x");
        Files.writeString(rootfs.resolve("etc/remove"), "bye");
        Files.createDirectories(rootfs.resolve("old/sub"));
        Files.writeString(rootfs.resolve("old/sub/file"), "bye");
        Files.createSymbolicLink(rootfs.resolve("link"), Path.of("etc/keep"));
        Snapshot before = Snapshot.of(rootfs);

        Files.writeString(rootfs.resolve("etc/edit"), "after, longer");
        Files.setPosixFilePermissions(rootfs.resolve("etc/chmod"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.delete(rootfs.resolve("etc/remove"));
        Files.delete(rootfs.resolve("old/sub/file"));
        Files.delete(rootfs.resolve("old/sub"));
        Files.delete(rootfs.resolve("old"));
        Files.delete(rootfs.resolve("link"));
        Files.createSymbolicLink(rootfs.resolve("link"), Path.of("etc/edit"));
        Files.createDirectories(rootfs.resolve("new/dir"));
        Files.writeString(rootfs.resolve("new/dir/file"), "new");
        Files.createLink(rootfs.resolve("new/hard"), rootfs.resolve("new/dir/file"));
        SnapshotDiff diff = SnapshotDiff.between(before, Snapshot.of(rootfs));

        assertThat(diff.changed()).containsExactly("etc/chmod", "etc/edit", "link", "new", "new/dir",
                "new/dir/file", "new/hard");
        assertThat(diff.deleted()).containsExactly("etc/remove", "old");

        Path layer = tmp.resolve("layer");
        diff.materialise(rootfs, layer);
        assertThat(Files.readString(layer.resolve("etc/edit"))).isEqualTo("after, longer");
        assertThat(layer.resolve("etc/keep")).doesNotExist();
        assertThat(Files.isExecutable(layer.resolve("etc/chmod"))).isTrue();
        assertThat(Files.readSymbolicLink(layer.resolve("link"))).isEqualTo(Path.of("etc/edit"));
        assertThat(layer.resolve("etc/.wh.remove")).isRegularFile().isEmptyFile();
        assertThat(layer.resolve(".wh.old")).isRegularFile().isEmptyFile();
        assertThat(layer.resolve("old")).doesNotExist();
        assertThat(Files.isSameFile(layer.resolve("new/hard"), layer.resolve("new/dir/file"))).isTrue();
    }

    @Test
    void noChangeGivesAnEmptyDiffAndAnEmptyLayer() throws IOException {
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Files.writeString(rootfs.resolve("a"), "a");
        SnapshotDiff diff = SnapshotDiff.between(Snapshot.of(rootfs), Snapshot.of(rootfs));

        assertThat(diff.isEmpty()).isTrue();
        Path layer = tmp.resolve("layer");
        diff.materialise(rootfs, layer);
        assertThat(ReproducibleTar.digest(layer).isEmpty()).isTrue();
    }
}
