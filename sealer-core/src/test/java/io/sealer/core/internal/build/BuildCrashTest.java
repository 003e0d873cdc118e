package io.sealer.core.internal.build;

import io.sealer.api.build.BuildRequest;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import io.sealer.core.SealerClient;
import io.sealer.core.internal.layer.ReproducibleTar;
import io.sealer.core.internal.store.ImageStore;
import io.sealer.api.image.ImageSummary;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a child JVM in the middle of builds and checks the store it leaves behind. */
class BuildCrashTest {
    @TempDir
    Path tmp;

    @Test
    void killingABuildLeavesOnlyCompleteImagesAndTheNextBuildSucceeds() throws Exception {
        Path store = tmp.resolve("store");
        Path context = Files.createDirectories(tmp.resolve("ctx"));
        Files.createDirectories(context.resolve("data"));
        for (int i = 0; i < 200; i++) {
            Files.writeString(context.resolve("data/file-" + i + ".yaml"), "image: nginx:1." + i + "\n".repeat(50));
        }
        Files.writeString(context.resolve("Kubefile"),
                "FROM scratch\nCOPY data manifests\nRUN cp -r manifests copy && rm manifests/data/file-1.yaml\n");

        for (int round = 1; round <= 3; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), BuildLoopMain.class.getName(),
                    store.toString(), context.toString())
                    .redirectErrorStream(true)
                    .start();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                int built = 0;
                StringBuilder transcript = new StringBuilder();
                for (String line; built < round && (line = out.readLine()) != null; ) {
                    transcript.append(line).append('\n');
                    if (line.startsWith("built ")) {
                        built++;
                    }
                }
                assertThat(built).as("child builds before being killed; it printed:%n%s", transcript)
                        .isEqualTo(round);
                // the child is now inside its next build: kill it there
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertEveryListedImageIsComplete(store);
        }

        SealerClient client = SealerClient.builder().storeRoot(store).platform(Platform.LINUX_AMD64).build();
        Files.writeString(context.resolve("data/counter.txt"), "after the crashes");
        ClusterImage image = client.builds().build(BuildRequest.builder(context).cacheImages(false).tag("after:1").build())
                .get(0);
        assertThat(image.layers()).hasSize(2);
        client.images().prune();
        try (var leftovers = Files.list(store.resolve("tmp"))) {
            assertThat(leftovers).isEmpty();
        }
        assertEveryListedImageIsComplete(store);
    }

    private static void assertEveryListedImageIsComplete(Path root) {
        try (ImageStore store = ImageStore.open(root)) {
            List<ImageSummary> rows = store.list();
            assertThat(rows).isNotEmpty();
            for (ImageSummary row : rows) {
                ClusterImage image = store.find(row.name(), Optional.of(row.platform())).orElseThrow();
                for (Layer layer : image.layers()) {
                    if (layer.id() != null) {
                        assertThat(ReproducibleTar.digest(store.layerPath(layer.id())).id())
                                .as("content of layer %s of %s", layer.id(), row.name())
                                .isEqualTo(layer.id());
                    }
                }
            }
        }
    }
}
