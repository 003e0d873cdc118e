package io.sealer.api.spi;

import io.sealer.api.registry.RegistryCredentials;

/**
 * Where registry credentials are kept between runs (the docker {@code config.json}). Obtained from
 * {@link RegistryClientProvider#credentialStore(io.sealer.api.registry.RegistrySettings)}. Secrets never appear in messages.
 */
public interface CredentialStore {
    /** Stores credentials for a registry ({@code host[:port]}, {@code docker.io} for Docker Hub). */
    void store(String registry, RegistryCredentials credentials);

    /**
     * Removes the credentials of a registry.
     *
     * @return true when there were some
     */
    boolean remove(String registry);

    /** Where the credentials are kept, for messages. */
    String location();
}
