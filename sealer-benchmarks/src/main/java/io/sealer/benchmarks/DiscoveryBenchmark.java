package io.sealer.benchmarks;

import io.sealer.api.build.DiscoveryOptions;
import io.sealer.core.internal.discovery.DiscoveryResult;
import io.sealer.core.internal.discovery.ImageDiscovery;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Image discovery over 10,000 generated manifests (see {@link ManifestTree}), single-threaded, reporting
 * {@code megabytes}/s of YAML read (target: at least 50 MB/s on one core). The files are written once per run and sit
 * in the page cache, so this measures parsing, not the disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error"})
public class DiscoveryBenchmark {
    private ImageDiscovery discovery;

    /** Checks that discovery finds images in the manifests and warns about nothing. */
    @Setup(Level.Trial)
    public void check(ManifestTreeState state) {
        discovery = new ImageDiscovery(DiscoveryOptions.defaults());
        DiscoveryResult result = discovery.discover(state.tree().root());
        if (result.images().size() < 100 || !result.warnings().isEmpty()) {
            throw new IllegalStateException("unexpected discovery result: " + result.images().size() + " images, "
                    + result.warnings().size() + " warnings " + result.warnings().stream().limit(3).toList());
        }
    }

    /** One full discovery over {@code manifests/}. */
    @Benchmark
    public DiscoveryResult discover(ManifestTreeState state, ByteCounter counter) {
        DiscoveryResult result = discovery.discover(state.tree().root());
        counter.add(state.tree().yamlBytes());
        return result;
    }
}
