/**
 * Service-provider interfaces that {@code sealer-core} finds through {@link java.util.ServiceLoader}: remote hosts
 * ({@link io.sealer.api.spi.HostConnector}, implemented by {@code sealer-ssh}) and registries
 * ({@link io.sealer.api.spi.RegistryClientProvider}, implemented by {@code sealer-registry}).
 */
package io.sealer.api.spi;
