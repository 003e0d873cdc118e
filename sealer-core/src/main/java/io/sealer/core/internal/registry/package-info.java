/**
 * The registry adapter as {@code sealer-core} sees it: found through {@link java.util.ServiceLoader} of
 * {@link io.sealer.api.spi.RegistryClientProvider} (so core never depends on {@code sealer-registry}), it supplies the
 * registry-cache build layer, base images missing locally, and push, pull, login and logout.
 */
package io.sealer.core.internal.registry;
