package io.sealer.benchmarks;

import io.sealer.core.internal.layer.LayerDigest;
import io.sealer.core.internal.layer.ReproducibleTar;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Layer tar+hash throughput: {@link ReproducibleTar#digest(Path)} over a generated ~98 MiB tree (tar written to a null
 * stream, so building the tar and hashing it is the work) against plain SHA-256 over the same files read the same
 * way. Both report {@code megabytes}/s of file payload; the ratio {@code tarAndHash / rawHash} is the figure of merit
 * (target: at least 0.8). The tree sits in the page cache after the first read, so this measures CPU, not the disk.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LayerHashBenchmark {
    /** The engine's path: scan, sort, write a reproducible tar and hash it, tar bytes discarded. */
    @Benchmark
    public LayerDigest tarAndHash(LayerTreeState state, ByteCounter counter) {
        LayerDigest digest = ReproducibleTar.write(state.tree().root(), OutputStream.nullOutputStream());
        counter.add(state.tree().payloadBytes());
        return digest;
    }

    /** The baseline: read every file of the same tree and feed it to one SHA-256. */
    @Benchmark
    public byte[] rawHash(LayerTreeState state, ByteCounter counter) throws IOException {
        MessageDigest sha256 = LayerTreeState.sha256();
        byte[] buffer = state.buffer();
        for (Path file : state.tree().files()) {
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha256.update(buffer, 0, n);
                }
            }
        }
        counter.add(state.tree().payloadBytes());
        return sha256.digest();
    }
}
