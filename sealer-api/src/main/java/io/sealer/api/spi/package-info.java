/**
 * Service-provider interfaces that {@code sealer-core} finds through {@link java.util.ServiceLoader}: remote hosts
 * ({@link io.sealer.api.spi.HostConnector}, implemented by {@code sealer-ssh}) and registries
 * ({@link io.sealer.api.spi.RegistryClientProvider}, implemented by {@code sealer-registry}, which also offers the
 * registry-cache writer {@link io.sealer.api.spi.ImageCacheWriter}, cluster-image push/pull
 * {@link io.sealer.api.spi.ClusterImageTransport} over a {@link io.sealer.api.spi.LayerStore}, and a
 * {@link io.sealer.api.spi.CredentialStore}).
 */
package io.sealer.api.spi;
