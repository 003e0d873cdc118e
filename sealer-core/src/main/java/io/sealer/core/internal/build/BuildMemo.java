package io.sealer.core.internal.build;

import io.sealer.core.internal.discovery.DiscoveryResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Work shared by the platform builds of one request: the digest of the same COPY sources and the discovery over the
 * same new layers are computed once, not once per platform.
 */
final class BuildMemo {
    private final Map<List<Path>, String> sourceDigests = new HashMap<>();
    private final Map<List<String>, DiscoveryResult> discoveries = new HashMap<>();

    String sourceDigest(List<Path> sources) throws IOException {
        String digest = sourceDigests.get(sources);
        if (digest == null) {
            digest = SourceDigest.of(sources);
            sourceDigests.put(List.copyOf(sources), digest);
        }
        return digest;
    }

    /** The discovery result for the new layers with these ids, computed by {@code discover} the first time. */
    DiscoveryResult discovery(List<String> newLayerIds, Supplier<DiscoveryResult> discover) {
        return discoveries.computeIfAbsent(List.copyOf(newLayerIds), ids -> discover.get());
    }
}
