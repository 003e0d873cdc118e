package io.sealer.core.internal.registry;

import io.sealer.api.spi.RegistryClient;
import io.sealer.api.spi.RegistryClientProvider;
import io.sealer.api.registry.RegistrySettings;

/**
 * One operation's use of a registry client: created on first use (so a build that needs no registry never reads
 * credentials), closed with the session. Thread-safe.
 */
public final class RegistrySession implements AutoCloseable {
    private final RegistryClientProvider provider;
    private final RegistrySettings settings;
    private RegistryClient client;

    RegistrySession(RegistryClientProvider provider, RegistrySettings settings) {
        this.provider = provider;
        this.settings = settings;
    }

    /** The client, created on first call. */
    public synchronized RegistryClient client() {
        if (client == null) {
            client = provider.create(settings);
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
