package io.sealer.registry.client;

import io.sealer.api.spi.RegistryClient;
import io.sealer.api.spi.RegistryClientProvider;
import io.sealer.api.spi.RegistrySettings;

/** Service entry point: creates {@link OciRegistryClient}s. */
public final class OciRegistryClientProvider implements RegistryClientProvider {
    @Override
    public RegistryClient create(RegistrySettings settings) {
        return new OciRegistryClient(settings);
    }
}
