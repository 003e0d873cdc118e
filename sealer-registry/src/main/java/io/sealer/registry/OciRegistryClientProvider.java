package io.sealer.registry;
import io.sealer.registry.internal.client.OciRegistryClient;
import io.sealer.registry.internal.client.DockerConfigCredentialStore;
import io.sealer.registry.internal.client.DockerConfig;

import io.sealer.api.spi.ClusterImageTransport;
import io.sealer.api.spi.CredentialStore;
import io.sealer.api.spi.ImageCacheWriter;
import io.sealer.api.spi.RegistryClient;
import io.sealer.api.spi.RegistryClientProvider;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.registry.internal.cache.RegistryCacheWriter;
import io.sealer.registry.internal.image.OciClusterImageTransport;
import io.sealer.registry.internal.source.SourcedRegistryClient;
import java.util.Optional;

/**
 * Service entry point: creates {@link OciRegistryClient}s (behind the settings' on-disk image sources, when they name
 * any) and offers the registry-cache writer, cluster-image push/pull
 * and the docker {@code config.json} credential store.
 */
public final class OciRegistryClientProvider implements RegistryClientProvider {
    @Override
    public RegistryClient create(RegistrySettings settings) {
        return SourcedRegistryClient.wrap(settings, new OciRegistryClient(settings));
    }

    @Override
    public Optional<ImageCacheWriter> cacheWriter() {
        return Optional.of(new RegistryCacheWriter());
    }

    @Override
    public Optional<ClusterImageTransport> transport() {
        return Optional.of(new OciClusterImageTransport());
    }

    @Override
    public Optional<CredentialStore> credentialStore(RegistrySettings settings) {
        return Optional.of(new DockerConfigCredentialStore(settings.dockerConfig()
                .orElseGet(DockerConfig::defaultLocation)));
    }
}
