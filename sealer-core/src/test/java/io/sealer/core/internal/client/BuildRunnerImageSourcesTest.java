package io.sealer.core.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.sealer.api.build.BuildRequest;
import io.sealer.api.image.Platform;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.api.spi.ImageCacheWriter;
import io.sealer.api.spi.RegistryClient;
import io.sealer.api.spi.RegistryClientProvider;
import io.sealer.core.SealerClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build's image sources are added, for that build only, after the client's. */
class BuildRunnerImageSourcesTest {
    @TempDir
    Path tmp;

    /** Records the settings each session's client is created with; caches nothing. */
    private static final class Recording implements RegistryClientProvider {
        final List<RegistrySettings> created = new CopyOnWriteArrayList<>();

        @Override
        public RegistryClient create(RegistrySettings settings) {
            created.add(settings);
            RegistryClient client = mock(RegistryClient.class);
            when(client.settings()).thenReturn(settings);
            return client;
        }

        @Override
        public Optional<ImageCacheWriter> cacheWriter() {
            return Optional.of((client, images, platforms, layerDir, existing, progress) ->
                    new ImageCacheWriter.CacheSummary(List.of(), images, 0, 0));
        }
    }

    @Test
    void requestSourcesFollowTheClientsForThatBuildOnly() throws IOException {
        Path context = tmp.resolve("ctx");
        Files.createDirectories(context.resolve("manifests"));
        Files.writeString(context.resolve("Kubefile"), "FROM scratch\nCOPY manifests manifests\n");
        Files.writeString(context.resolve("manifests/app.yaml"), "image: nginx:1.25\n");
        Path shared = tmp.resolve("shared-layout");
        Path own = tmp.resolve("nginx.tar");
        Recording registry = new Recording();
        RegistrySettings settings = RegistrySettings.builder().imageSource(shared).maxParallelBlobs(2).build();
        try (SealerClient sealer = SealerClient.builder().storeRoot(tmp.resolve("store")).platform(Platform.LINUX_AMD64)
                .registryProvider(registry).registrySettings(settings).build()) {
            sealer.builds().build(BuildRequest.builder(context).tag("a:1").imageSource(own).imageSource(shared)
                    .build());
            sealer.builds().build(BuildRequest.builder(context).tag("b:1").noCache(true).build());
        }
        assertThat(registry.created).hasSize(2);
        assertThat(registry.created.get(0).imageSources()).containsExactly(shared, own);
        assertThat(registry.created.get(0).maxParallelBlobs()).isEqualTo(2);
        assertThat(registry.created.get(1)).isEqualTo(settings);
    }
}
