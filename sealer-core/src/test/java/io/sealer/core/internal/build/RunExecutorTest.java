package io.sealer.core.internal.build;

import static org.assertj.core.api.Assertions.assertThat;
import io.sealer.core.internal.NeedsRoot;

import io.sealer.core.internal.store.ImageStore;
import io.sealer.core.internal.store.StoredLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overlay executor and the copying executor must produce the very same layer for the same command. */
class RunExecutorTest {
    private static final String COMMAND = String.join(" && ",
            "echo new > added.txt",
            "echo changed >> etc/config",
            "rm etc/remove-me",
            "rm -rf data && mkdir -p data/sub && echo fresh > data/only.txt && echo y > data/sub/y",
            "chmod 700 bin/tool",
            "ln -s etc/config link",
            "mkdir -p deep/er && echo x > deep/er/file");

    @TempDir
    Path tmp;
    private ImageStore store;
    private List<Path> layers;

    @BeforeEach
    void lowerLayers() throws IOException {
        store = ImageStore.open(tmp.resolve("store"));
        Path first = store.newStagingDir();
        write(first.resolve("etc/config"), "base\n");
        write(first.resolve("etc/remove-me"), "gone soon\n");
        write(first.resolve("data/a.txt"), "a");
        write(first.resolve("data/b.txt"), "b");
        write(first.resolve("data/sub/x"), "x");
        write(first.resolve("bin/tool"), "#!/bin/sh\n");
        StoredLayer one = store.addLayer(first);
        Path second = store.newStagingDir();
        write(second.resolve("data/c.txt"), "c");
        StoredLayer two = store.addLayer(second);
        layers = List.of(store.layerPath(one.id()), store.layerPath(two.id()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private StoredLayer run(RunExecutor executor) throws IOException {
        return executor.run(layers, new RunExecutor.RunCommand(List.of("/bin/sh", "-c", COMMAND), Map.of()),
                store);
    }

    private static List<String> tree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            return walk.map(p -> dir.relativize(p) + (Files.isDirectory(p) ? "/" : "")).sorted().toList();
        }
    }

    @Test
    void copyingExecutorRecordsAdditionsChangesDeletionsAndOpaqueDirectories() throws IOException {
        StoredLayer layer = run(new CopyingRunExecutor());

        Path dir = store.layerPath(layer.id());
        assertThat(dir.resolve("added.txt")).hasContent("new");
        assertThat(dir.resolve("etc/config")).hasContent("base\nchanged");
        assertThat(dir.resolve("etc/.wh.remove-me")).exists();
        assertThat(dir.resolve("data/only.txt")).hasContent("fresh");
        assertThat(dir.resolve("data/a.txt")).doesNotExist();
        assertThat(dir.resolve("data/.wh.a.txt")).exists();
        assertThat(dir.resolve("data/sub/.wh.x")).exists();
        assertThat(Files.isSymbolicLink(dir.resolve("link"))).isTrue();
    }

    @Test
    void overlayExecutorGivesTheSameLayerAsCopying() throws IOException {
        NeedsRoot.require(OverlayRunExecutor.available(store), "overlayfs with userxattr in a mount namespace");

        StoredLayer copied = run(new CopyingRunExecutor());
        StoredLayer overlaid = run(new OverlayRunExecutor());

        assertThat(overlaid).isNotNull();
        Path dir = store.layerPath(overlaid.id());
        assertThat(dir.resolve("etc/.wh.remove-me")).exists();
        assertThat(dir.resolve("data/only.txt")).hasContent("fresh");
        assertThat(tree(store.layerPath(overlaid.id()))).as("same layer from both executors")
                .isEqualTo(tree(store.layerPath(copied.id())));
        assertThat(overlaid.id()).as("same layer from both executors").isEqualTo(copied.id());
        try (var leftovers = Files.list(store.paths().tmp())) {
            assertThat(leftovers).isEmpty();
        }
    }
}
