package io.sealer.benchmarks;

import io.sealer.api.build.DiscoveryOptions;
import io.sealer.core.internal.discovery.DiscoveryResult;
import io.sealer.core.internal.discovery.ImageDiscovery;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Discovery throughput per kind of manifest: each run holds only the files of one {@link ManifestTree.Kind} out of
 * the 10,000-file mix, so a slow kind (for instance one that needs the full YAML parser) stands out. Diagnostic; not
 * part of the headline figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error"})
public class DiscoveryByKindBenchmark {
    /** The kind of manifest in this run: a {@link ManifestTree.Kind} name. */
    @Param({"DEPLOYMENT_AND_SERVICE", "DEPLOYMENT", "SERVICE", "CRON_JOB", "STATEFUL_SET", "CONFIG_MAP", "CRD",
        "CUSTOM_RESOURCE"})
    public String kind;

    private Path root;
    private ManifestTree tree;
    private ImageDiscovery discovery;

    /** Writes the files of {@link #kind}. */
    @Setup(Level.Trial)
    public void createManifests() {
        root = Fixtures.tempDir("sealer-bench-discovery-kind");
        tree = ManifestTree.generate(root, ManifestTreeState.MANIFESTS, ManifestTree.Kind.valueOf(kind),
                ManifestTree.Mix.REALISTIC);
        discovery = new ImageDiscovery(DiscoveryOptions.defaults());
    }

    /** Removes them. */
    @TearDown(Level.Trial)
    public void deleteManifests() {
        Fixtures.deleteTree(root);
    }

    /** One discovery over the one-kind tree. */
    @Benchmark
    public DiscoveryResult discover(ByteCounter counter) {
        DiscoveryResult result = discovery.discover(root);
        counter.add(tree.yamlBytes());
        return result;
    }
}
