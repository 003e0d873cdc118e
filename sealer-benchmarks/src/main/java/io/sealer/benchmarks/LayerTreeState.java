package io.sealer.benchmarks;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The generated layer tree, written once per benchmark run into a temporary directory and removed afterwards. */
@State(Scope.Benchmark)
public class LayerTreeState {
    static final int BUFFER = 64 * 1024;

    private Path root;
    private LayerTree tree;
    private byte[] buffer;

    /** Writes the tree. */
    @Setup(Level.Trial)
    public void createTree() {
        root = Fixtures.tempDir("sealer-bench-layer");
        tree = LayerTree.generate(root.resolve("layer"));
        buffer = new byte[BUFFER];
    }

    /** Removes the tree. */
    @TearDown(Level.Trial)
    public void deleteTree() {
        Fixtures.deleteTree(root);
    }

    LayerTree tree() {
        return tree;
    }

    /** A read buffer for the single benchmark thread. */
    byte[] buffer() {
        return buffer;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
