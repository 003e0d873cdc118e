/**
 * The OCI distribution client ({@link io.sealer.registry.internal.client.OciRegistryClient}) over {@code java.net.http}:
 * anonymous, Basic and Bearer auth, credentials from docker {@code config.json} and credential helpers
 * ({@link io.sealer.registry.internal.client.DockerConfig}), mirrors, retries with backoff, digests verified while streaming.
 * Registered for {@link java.util.ServiceLoader} as an {@link io.sealer.api.spi.RegistryClientProvider}.
 */
package io.sealer.registry.internal.client;
