package io.sealer.api.spi;

/**
 * Service-provider entry point of a registry adapter, listed in
 * {@code META-INF/services/io.sealer.api.spi.RegistryClientProvider}; {@code sealer-core} finds it with
 * {@link java.util.ServiceLoader}.
 */
public interface RegistryClientProvider {
    /** Creates a client with the given settings. */
    RegistryClient create(RegistrySettings settings);
}
