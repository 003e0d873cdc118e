package io.sealer.benchmarks.registry;

import io.sealer.api.event.Progress;
import io.sealer.api.image.ImageReference;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.registry.internal.cache.CacheResult;
import io.sealer.registry.internal.cache.RegistryCache;
import io.sealer.registry.internal.client.OciRegistryClient;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

/**
 * One {@link RegistryCache#write} in its own JVM, as the CLI would run it: {@code CacheOnce PARALLEL LAYER_DIR
 * IMAGE...}. Prints {@code written=N skipped=N blobsFetched=N bytesFetched=N} on success.
 */
public final class CacheOnce {
    private CacheOnce() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: CacheOnce PARALLEL LAYER_DIR IMAGE...");
        }
        int parallel = Integer.parseInt(args[0]);
        Path layerDir = Paths.get(args[1]);
        List<ImageReference> images = Arrays.stream(args, 2, args.length).map(ImageReference::parse).toList();
        try (OciRegistryClient client = new OciRegistryClient(RegistrySettings.defaults())) {
            CacheResult result = new RegistryCache(client, parallel, Progress.NONE)
                    .write(images, List.of(), layerDir, List.of());
            System.out.println(line(result));
        }
    }

    static String line(CacheResult result) {
        return "written=" + result.written().size() + " skipped=" + result.skipped().size() + " blobsFetched="
                + result.blobsFetched() + " bytesFetched=" + result.bytesFetched();
    }
}
