/**
 * JMH benchmarks for the build engine: layer tar+hash throughput ({@link io.sealer.benchmarks.LayerHashBenchmark})
 * and image discovery over many manifests ({@link io.sealer.benchmarks.DiscoveryBenchmark}). Built into the shaded
 * {@code target/benchmarks.jar}; run by hand, see the module README.
 */
package io.sealer.benchmarks;
