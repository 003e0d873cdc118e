/**
 * Registry configuration as users give it: {@link io.sealer.api.registry.RegistrySettings} (on-disk image sources,
 * mirrors and mirror fallback, insecure registries, trust, credentials, timeouts, blob parallelism) and
 * {@link io.sealer.api.registry.RegistryCredentials}.
 */
package io.sealer.api.registry;
