package io.sealer.api.spi;

import io.sealer.api.registry.RegistrySettings;
import java.util.Optional;

/**
 * Service-provider entry point of a registry adapter, listed in
 * {@code META-INF/services/io.sealer.api.spi.RegistryClientProvider}; {@code sealer-core} finds it with
 * {@link java.util.ServiceLoader}. Besides the client, an adapter may offer the registry-cache writer, cluster-image
 * push/pull and a credential store; the defaults offer none of them.
 */
public interface RegistryClientProvider {
    /** Creates a client with the given settings. */
    RegistryClient create(RegistrySettings settings);

    /** Writes container images into a registry-cache layer, if this adapter can. */
    default Optional<ImageCacheWriter> cacheWriter() {
        return Optional.empty();
    }

    /** Pushes and pulls cluster images, if this adapter can. */
    default Optional<ClusterImageTransport> transport() {
        return Optional.empty();
    }

    /**
     * The credential store the settings name ({@link RegistrySettings#dockerConfig()}, else the default location), if
     * this adapter has one.
     */
    default Optional<CredentialStore> credentialStore(RegistrySettings settings) {
        return Optional.empty();
    }
}
