package io.sealer.core.internal.registry;

import io.sealer.api.SealerException;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.api.spi.ClusterImageTransport;
import io.sealer.api.spi.CredentialStore;
import io.sealer.api.spi.RegistryClientProvider;
import java.util.Objects;

/**
 * The registry adapter a client uses, with the settings to use it with.
 *
 * @param provider the adapter's service entry point
 * @param settings mirrors, insecure registries, credentials and bounds
 */
public record RegistryAdapter(RegistryClientProvider provider, RegistrySettings settings) {
    public RegistryAdapter {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(settings, "settings");
    }

    /** A session whose client is created on first use and closed with the session. */
    public RegistrySession open() {
        return new RegistrySession(provider, settings);
    }

    /** The same adapter with other settings. */
    public RegistryAdapter with(RegistrySettings other) {
        return new RegistryAdapter(provider, other);
    }

    /** The push/pull transport, or an error saying the adapter has none. */
    public ClusterImageTransport transport() {
        return provider.transport().orElseThrow(() -> missing("pushing and pulling cluster images"));
    }

    /** The credential store, or an error saying the adapter has none. */
    public CredentialStore credentialStore() {
        return provider.credentialStore(settings).orElseThrow(() -> missing("storing registry credentials"));
    }

    private SealerException missing(String what) {
        return new SealerException("the registry adapter " + provider.getClass().getName() + " does not support "
                + what);
    }
}
