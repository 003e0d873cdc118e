package io.sealer.benchmarks;

import java.nio.file.Path;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The 10,000-manifest tree (10,000 files drawn from the mix; variants may leave some kinds out), written once per run
 * into a temporary directory and removed afterwards.
 */
@State(Scope.Benchmark)
public class ManifestTreeState {
    static final int MANIFESTS = 10_000;

    /** A {@link ManifestTree.Mix} name; only {@code REALISTIC} by default, others with {@code -p mix=...}. */
    @Param("REALISTIC")
    public String mix;

    private Path root;
    private ManifestTree tree;

    /** Writes the manifests. */
    @Setup(Level.Trial)
    public void createManifests() {
        root = Fixtures.tempDir("sealer-bench-discovery");
        tree = ManifestTree.generate(root, MANIFESTS, null, ManifestTree.Mix.valueOf(mix));
    }

    /** Removes the manifests. */
    @TearDown(Level.Trial)
    public void deleteManifests() {
        Fixtures.deleteTree(root);
    }

    ManifestTree tree() {
        return tree;
    }
}
