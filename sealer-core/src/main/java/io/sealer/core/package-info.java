/**
 * The SDK's implementation and its facade {@link io.sealer.core.SealerClient}. Sub-packages follow the data flow:
 * {@code kubefile} and {@code clusterfile} (parsers), {@code discovery} (container images a cluster image needs),
 * {@code layer} (reproducible layer tars), {@code store} (the local image store) and {@code build} (the build engine).
 */
package io.sealer.core;
