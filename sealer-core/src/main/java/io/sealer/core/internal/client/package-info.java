/**
 * What the public services of {@code io.sealer.core} run on: the adapters a client found or was given
 * ({@link io.sealer.core.internal.client.Adapters}), its settings and store ({@link io.sealer.core.internal.client.ClientRuntime}),
 * and the orchestration of builds and registry operations.
 */
package io.sealer.core.internal.client;
