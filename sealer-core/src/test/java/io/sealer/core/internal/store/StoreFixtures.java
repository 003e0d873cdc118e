package io.sealer.core.internal.store;

import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageConfig;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds small layers and images for store tests (also used by the crash-test child process). */
final class StoreFixtures {
    private StoreFixtures() {
    }

    /** Adds a layer holding {@code files} (relative name to content), built in a staging directory. */
    static StoredLayer layer(ImageStore store, Map<String, String> files) {
        Path staging = store.newStagingDir();
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path p = staging.resolve(file.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store.addLayer(staging);
    }

    static ClusterImage image(String name, Platform platform, StoredLayer... layers) {
        List<Layer> list = java.util.Arrays.stream(layers).map(l -> l.toLayer("COPY", "files /")).toList();
        ImageConfig config = new ImageConfig(Map.of("b", "2", "a", "1"), Map.of("l", "v"), Map.of(),
                List.of("kubectl apply -f manifests"), List.of(), List.of(), List.of(), "");
        return new ClusterImage(name, null, platform, list, config, List.of("docker.io/library/nginx:1.21"),
                Instant.parse("2024-01-02T03:04:05Z"));
    }
}
