package io.sealer.benchmarks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sealer.api.image.ImageReference;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Floors and parts of {@link DiscoveryBenchmark} over the same 10,000 manifests: reading the files, splitting them into
 * lines, walking every document with Jackson's YAML streaming parser (what the fallback path costs), and parsing every
 * image reference once. Diagnostic; not part of the headline figures.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DiscoveryBreakdownBenchmark {
    /** The manifest files, listed once, and the image values they hold. */
    @State(Scope.Benchmark)
    public static class Files0 {
        List<Path> files;
        List<String> imageValues;

        /** Lists the files and collects their {@code image:} values with a plain text match. */
        @Setup(Level.Trial)
        public void list(ManifestTreeState state) throws IOException {
            try (Stream<Path> walk = Files.walk(state.tree().root())) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            imageValues = new ArrayList<>();
            for (Path file : files) {
                for (String line : Files.readAllLines(file)) {
                    String t = line.strip();
                    int colon = t.indexOf("mage: ");
                    if (colon > 0 && !t.startsWith("description")) {
                        String v = t.substring(colon + 6).strip();
                        if (!v.isEmpty()) {
                            imageValues.add(v.replace("\"", "").replace("'", ""));
                        }
                    }
                }
            }
        }
    }

    /** Reading every file into a String (the I/O and UTF-8 decoding floor). */
    @Benchmark
    public long readAll(ManifestTreeState state, Files0 files, ByteCounter counter) throws IOException {
        long chars = 0;
        for (Path file : files.files) {
            chars += new String(Files.readAllBytes(file), StandardCharsets.UTF_8).length();
        }
        counter.add(state.tree().yamlBytes());
        return chars;
    }

    /** Reading every file line by line with a BufferedReader. */
    @Benchmark
    public long readLines(ManifestTreeState state, Files0 files, ByteCounter counter) throws IOException {
        long lines = 0;
        for (Path file : files.files) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                while (reader.readLine() != null) {
                    lines++;
                }
            }
        }
        counter.add(state.tree().yamlBytes());
        return lines;
    }

    /** Every document walked token by token with Jackson's YAML parser (SnakeYAML underneath). */
    @Benchmark
    public long jacksonWalk(ManifestTreeState state, Files0 files, ByteCounter counter) throws IOException {
        YAMLFactory yaml = new YAMLFactory();
        long tokens = 0;
        for (Path file : files.files) {
            try (JsonParser parser = yaml.createParser(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
                JsonToken token;
                while ((token = parser.nextToken()) != null || parser.nextToken() != null) {
                    if (token != null) {
                        tokens++;
                    }
                }
            }
        }
        counter.add(state.tree().yamlBytes());
        return tokens;
    }

    /** {@code ImageReference.parse} of every image value in the tree (reported against the tree's YAML bytes). */
    @Benchmark
    public int parseImages(ManifestTreeState state, Files0 files, ByteCounter counter) {
        int hash = 0;
        for (String value : files.imageValues) {
            hash += ImageReference.parse(value).fullName().hashCode();
        }
        counter.add(state.tree().yamlBytes());
        return hash;
    }
}
