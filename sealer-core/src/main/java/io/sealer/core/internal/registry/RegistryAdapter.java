package io.sealer.core.internal.registry;

import io.sealer.api.SealerException;
import io.sealer.api.spi.ClusterImageTransport;
import io.sealer.api.spi.CredentialStore;
import io.sealer.api.spi.RegistryClientProvider;
import io.sealer.api.spi.RegistrySettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The registry adapter on the class path, if any, with the settings to use it with.
 *
 * @param provider the adapter's service entry point
 * @param settings mirrors, insecure registries, credentials and bounds
 */
public record RegistryAdapter(RegistryClientProvider provider, RegistrySettings settings) {
    public RegistryAdapter {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(settings, "settings");
    }

    /** The first {@link RegistryClientProvider} registered in {@code META-INF/services}, if any. */
    public static Optional<RegistryAdapter> find(RegistrySettings settings) {
        return ServiceLoader.load(RegistryClientProvider.class, RegistryAdapter.class.getClassLoader()).findFirst()
                .map(p -> new RegistryAdapter(p, settings));
    }

    /** A session whose client is created on first use and closed with the session. */
    public RegistrySession open() {
        return new RegistrySession(provider, settings);
    }

    /** The push/pull transport, or an error saying the adapter has none. */
    public ClusterImageTransport transport() {
        return provider.transport().orElseThrow(() -> missing("pushing and pulling cluster images"));
    }

    /** The credential store, or an error saying the adapter has none. */
    public CredentialStore credentialStore() {
        Optional<Path> config = settings.dockerConfig();
        return provider.credentialStore(config).orElseThrow(() -> missing("storing registry credentials"));
    }

    private SealerException missing(String what) {
        return new SealerException("the registry adapter " + provider.getClass().getName() + " does not support "
                + what);
    }
}
