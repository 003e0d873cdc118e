package io.sealer.benchmarks;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the headline benchmarks ({@link LayerHashBenchmark}, {@link DiscoveryBenchmark}) and prints their MB/s, the
 * tar+hash/raw-hash ratio and whether each target is met. Accepts the usual JMH options ({@code -wi 2 -i 3 -f 1} and so
 * on); with no benchmark pattern it runs the two headline classes.
 *
 * <pre>{@code java -cp sealer-benchmarks/target/benchmarks.jar io.sealer.benchmarks.BenchmarkRunner -i 3}</pre>
 */
public final class BenchmarkRunner {
    static final double RATIO_TARGET = 0.8;
    static final double DISCOVERY_TARGET_MB_S = 50;

    private BenchmarkRunner() {
    }

    /** Runs the benchmarks and prints the summary to standard output. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions given = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(given);
        if (given.getIncludes().isEmpty()) {
            options.include(LayerHashBenchmark.class.getSimpleName() + "\\.")
                    .include(DiscoveryBenchmark.class.getSimpleName() + "\\.");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        print(megabytesPerSecond(results), new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    /** The {@code megabytes} counter of each benchmark, keyed by its short name ({@code Class.method}). */
    static Map<String, Result<?>> megabytesPerSecond(Collection<RunResult> results) {
        Map<String, Result<?>> rates = new LinkedHashMap<>();
        for (RunResult run : results) {
            Result<?> mb = run.getSecondaryResults().get("megabytes");
            if (mb != null) {
                String name = run.getParams().getBenchmark();
                rates.put(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), mb);
            }
        }
        return rates;
    }

    static void print(Map<String, Result<?>> rates, PrintStream out) {
        out.println();
        out.println("| Benchmark | MB/s (10^6 B/s) | error (99.9%) |");
        out.println("|---|---:|---:|");
        rates.forEach((name, r) -> out.printf(Locale.ROOT, "| %s | %.1f | ± %.1f |%n", name, r.getScore(),
                r.getScoreError()));
        Result<?> tar = rates.get("LayerHashBenchmark.tarAndHash");
        Result<?> raw = rates.get("LayerHashBenchmark.rawHash");
        if (tar != null && raw != null) {
            double ratio = tar.getScore() / raw.getScore();
            out.printf(Locale.ROOT, "%ntar+hash / raw hash = %.2f (target >= %.1f: %s)%n", ratio, RATIO_TARGET,
                    ratio >= RATIO_TARGET ? "met" : "MISSED");
        }
        Result<?> discovery = rates.get("DiscoveryBenchmark.discover");
        if (discovery != null) {
            out.printf(Locale.ROOT, "discovery = %.1f MB/s of YAML (target >= %.0f: %s)%n", discovery.getScore(),
                    DISCOVERY_TARGET_MB_S, discovery.getScore() >= DISCOVERY_TARGET_MB_S ? "met" : "MISSED");
        }
    }
}
