package io.sealer.benchmarks;

import io.sealer.core.internal.layer.ReproducibleTar;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where {@link LayerHashBenchmark#tarAndHash} spends its time, measured by switching parts on and off over the same
 * tree: pure SHA-256 in memory, reading alone (64 KiB reads and {@code transferTo}), scanning alone, tar without
 * hashing, and a replica of {@link ReproducibleTar} with either copy strategy and with or without its extra buffer. Not part of the headline figures; run it when the
 * tar+hash/raw ratio moves.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LayerHashBreakdownBenchmark {
    private static final int IN_MEMORY = 16 * 1024 * 1024;

    /** The replica of the tree's tar, checked against ReproducibleTar, and an in-memory block to hash. */
    @State(Scope.Benchmark)
    public static class Replica {
        TarReplica tar;
        byte[] block;

        /** Scans the tree and checks that the replica writes exactly ReproducibleTar's bytes. */
        @Setup(Level.Trial)
        public void scan(LayerTreeState state) {
            tar = TarReplica.scan(state.tree().root());
            String expected = ReproducibleTar.digest(state.tree().root()).id();
            String actual = tar.write(true, TarReplica.Copy.TRANSFER_TO, state.buffer());
            if (!expected.equals(actual)) {
                throw new IllegalStateException("replica digest " + actual + " differs from " + expected);
            }
            block = new byte[IN_MEMORY];
            new SplittableRandom(1).nextBytes(block);
        }
    }

    /** SHA-256 alone: 16 MiB already in memory. */
    @Benchmark
    public byte[] sha256InMemory(Replica replica, ByteCounter counter) {
        MessageDigest sha256 = LayerTreeState.sha256();
        sha256.update(replica.block);
        counter.add(replica.block.length);
        return sha256.digest();
    }

    /** Reading every file with a 64 KiB buffer, no hashing. */
    @Benchmark
    public long read64k(LayerTreeState state, ByteCounter counter) throws IOException {
        long total = 0;
        byte[] buffer = state.buffer();
        for (Path file : state.tree().files()) {
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                }
            }
        }
        counter.add(state.tree().payloadBytes());
        return total;
    }

    /** Reading every file with {@code transferTo} into a null stream (8 KiB reads on Java 17), no hashing. */
    @Benchmark
    public long readTransferTo(LayerTreeState state, ByteCounter counter) throws IOException {
        long total = 0;
        for (Path file : state.tree().files()) {
            try (InputStream in = Files.newInputStream(file)) {
                total += in.transferTo(OutputStream.nullOutputStream());
            }
        }
        counter.add(state.tree().payloadBytes());
        return total;
    }

    /** Raw hashing, but fed through {@code transferTo} into a DigestOutputStream like the tar path. */
    @Benchmark
    public byte[] hashTransferTo(LayerTreeState state, ByteCounter counter) throws IOException {
        MessageDigest sha256 = LayerTreeState.sha256();
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
            for (Path file : state.tree().files()) {
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(out);
                }
            }
        }
        counter.add(state.tree().payloadBytes());
        return sha256.digest();
    }

    /** The replica's tar without hashing (pre-scanned tree, transferTo copy). */
    @Benchmark
    public String tarOnly(LayerTreeState state, Replica replica, ByteCounter counter) {
        String result = replica.tar.write(false, TarReplica.Copy.TRANSFER_TO, state.buffer());
        counter.add(state.tree().payloadBytes());
        return result;
    }

    /** The replica's tar+hash as ReproducibleTar does it (pre-scanned tree, transferTo copy). */
    @Benchmark
    public String tarAndHashTransferTo(LayerTreeState state, Replica replica, ByteCounter counter) {
        String result = replica.tar.write(true, TarReplica.Copy.TRANSFER_TO, state.buffer());
        counter.add(state.tree().payloadBytes());
        return result;
    }

    /** The replica's tar+hash without the BufferedOutputStream between tar and digest. */
    @Benchmark
    public String tarAndHashUnbuffered(LayerTreeState state, Replica replica, ByteCounter counter) {
        String result = replica.tar.write(true, TarReplica.Copy.TRANSFER_TO, state.buffer(), false);
        counter.add(state.tree().payloadBytes());
        return result;
    }

    /** Listing, stat-ing and sorting the tree's entries (what ReproducibleTar does before writing), no contents. */
    @Benchmark
    public int scanOnly(LayerTreeState state, ByteCounter counter) {
        int entries = TarReplica.scan(state.tree().root()).size();
        counter.add(state.tree().payloadBytes());
        return entries;
    }

    /** The replica's tar+hash copying file contents with a 64 KiB buffer. */
    @Benchmark
    public String tarAndHash64k(LayerTreeState state, Replica replica, ByteCounter counter) {
        String result = replica.tar.write(true, TarReplica.Copy.BUFFER_64K, state.buffer());
        counter.add(state.tree().payloadBytes());
        return result;
    }
}
