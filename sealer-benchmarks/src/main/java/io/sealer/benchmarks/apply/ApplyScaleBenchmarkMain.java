package io.sealer.benchmarks.apply;

import io.sealer.api.cluster.ApplyOptions;
import io.sealer.api.cluster.ApplyResult;
import io.sealer.api.cluster.ClusterPlan;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.PlannedStep;
import io.sealer.api.image.Platform;
import io.sealer.core.SealerClient;
import io.sealer.it.support.StubClusterImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Plans and applies a cluster of 1,000 hosts (3 masters) through the public API ({@code SealerClient.clusters()})
 * against hosts in memory ({@link FakeHostConnector}: each command takes a fixed time, trees arrive at once), with
 * the stub cluster image of the integration tests built into a temporary store. Prints {@code RESULT} lines:
 * <ul>
 *   <li>the plan time ({@code clusters().plan}, cold and warm; target below 1 s), and the apply's time outside
 *       execution (log-in of every host, planning, saving);</li>
 *   <li>the most hosts busy at once, counted in the connector (must not exceed the parallelism);</li>
 *   <li>the executor's overhead per step: execution wall time minus the least time the commands need, divided by the
 *       steps. The least time is the longer of the critical path (the longest chain of dependent commands, each at
 *       the measured mean command time) and the total command time divided by the parallelism; no schedule beats
 *       it, so the figure is an upper bound on the overhead (target below 1 ms);</li>
 *   <li>the same apply with commands that take no time: wall time per step, the executor's own cost.</li>
 * </ul>
 * Usage: {@code ApplyScaleBenchmarkMain [--hosts 1000] [--masters 3] [--parallelism 32] [--command-ms 2] [--reps 3]}.
 */
public final class ApplyScaleBenchmarkMain {
    private ApplyScaleBenchmarkMain() {
    }

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        Path work = Files.createTempDirectory("sealer-apply-bench-");
        try {
            run(options, work);
        } finally {
            deleteTree(work);
        }
    }

    private static void run(Options options, Path work) {
        System.out.printf(Locale.ROOT, "apply benchmark: %d hosts (%d masters), parallelism %d, %d ms a command,"
                + " %d repetitions%n", options.hosts(), options.masters(), options.parallelism(), options.commandMs(),
                options.reps());
        FakeHostConnector slow = new FakeHostConnector(options.commandMs() * 1_000_000L);
        FakeHostConnector instant = new FakeHostConnector(0);
        List<Rep> reps = new ArrayList<>();
        List<Double> instantPerStep = new ArrayList<>();
        int instantMaxBusy = 0;
        Path store = work.resolve("store");
        try (SealerClient builder = SealerClient.builder().storeRoot(store).platform(Platform.LINUX_AMD64).build()) {
            StubClusterImage.build(builder, work, Platform.LINUX_AMD64);
        }
        ApplyOptions applyOptions = ApplyOptions.DEFAULTS.withParallelism(options.parallelism())
                .withStepTimeout(Duration.ofMinutes(10));
        try (SealerClient client = SealerClient.builder().storeRoot(store).platform(Platform.LINUX_AMD64)
                .hostConnector(slow).build();
                SealerClient fast = SealerClient.builder().storeRoot(store).platform(Platform.LINUX_AMD64)
                        .hostConnector(instant).build()) {
            for (int rep = 0; rep < options.reps(); rep++) {
                Clusterfile clusterfile = client.clusters().parse("benchmark-" + rep,
                        clusterfile("bench-" + rep, options));
                long started = System.nanoTime();
                ClusterPlan plan = client.clusters().plan(clusterfile);
                long planCold = System.nanoTime() - started;
                started = System.nanoTime();
                client.clusters().plan(clusterfile);
                long planWarm = System.nanoTime() - started;

                slow.reset();
                started = System.nanoTime();
                ApplyResult result = client.clusters().apply(clusterfile, applyOptions);
                long applyWall = System.nanoTime() - started;
                Rep measured = measure(result, slow, options.parallelism(), planCold, planWarm, applyWall);
                reps.add(measured);
                System.out.printf(Locale.ROOT, "rep %d: %d steps planned (%d ms cold, %d ms warm); apply %d ms ="
                        + " execution %d ms + %d ms outside it; %d commands of %.3f ms mean; critical path %.1f ms;"
                        + " commands / parallelism %.1f ms; most hosts busy at once %d; overhead %.3f ms a step%n",
                        rep, plan.steps().size(), planCold / 1_000_000, planWarm / 1_000_000, applyWall / 1_000_000,
                        measured.execution / 1_000_000, (applyWall - measured.execution) / 1_000_000,
                        slow.commands(), slow.meanCommandNanos() / 1e6, measured.criticalPath / 1e6,
                        measured.workOverParallelism / 1e6, measured.maxBusy, measured.overheadPerStep / 1e6);

                Clusterfile again = fast.clusters().parse("benchmark-fast-" + rep,
                        clusterfile("fast-" + rep, options));
                instant.reset();
                ApplyResult quick = fast.clusters().apply(again, applyOptions);
                double perStep = (double) quick.took().toNanos() / quick.stepsRun();
                instantPerStep.add(perStep);
                System.out.printf(Locale.ROOT, "rep %d, commands taking no time: %d steps in %d ms, %.3f ms a step;"
                        + " most hosts busy at once %d%n", rep, quick.stepsRun(), quick.took().toMillis(),
                        perStep / 1e6, instant.maxBusyHosts());
                instantMaxBusy = Math.max(instantMaxBusy, instant.maxBusyHosts());
            }
        }
        report(options, reps, instantPerStep, instantMaxBusy);
    }

    private static Rep measure(ApplyResult result, FakeHostConnector fake, int parallelism, long planCold,
            long planWarm, long applyWall) {
        double mean = fake.meanCommandNanos();
        Map<String, Double> finish = new HashMap<>();
        double critical = 0;
        for (PlannedStep step : result.plan().steps()) {
            double start = 0;
            for (String before : step.after()) {
                start = Math.max(start, finish.getOrDefault(before, 0.0));
            }
            double end = start + costOf(step, mean);
            finish.put(step.id(), end);
            critical = Math.max(critical, end);
        }
        double work = fake.commands() * mean / parallelism;
        long execution = result.took().toNanos();
        double least = Math.max(critical, work);
        double overhead = (execution - least) / result.stepsRun();
        return new Rep(planCold, planWarm, applyWall, execution, critical, work, fake.maxBusyHosts(), overhead,
                result.stepsRun());
    }

    /** A step's command time: commands and file writes (a command on the host) take the mean; trees nothing. */
    private static double costOf(PlannedStep step, double mean) {
        return switch (step.kind()) {
            case "exec" -> mean;
            case "send" -> step.command().startsWith("write ") ? mean : 0;
            default -> 0;
        };
    }

    private static void report(Options options, List<Rep> reps, List<Double> instantPerStep, int instantMaxBusy) {
        double planCold = median(reps.stream().mapToDouble(r -> r.planCold).toArray()) / 1e6;
        double planWarm = median(reps.stream().mapToDouble(r -> r.planWarm).toArray()) / 1e6;
        double outside = median(reps.stream().mapToDouble(r -> r.applyWall - r.execution).toArray()) / 1e6;
        int maxBusy = Math.max(instantMaxBusy, reps.stream().mapToInt(r -> r.maxBusy).max().orElse(0));
        double overhead = median(reps.stream().mapToDouble(r -> r.overheadPerStep).toArray()) / 1e6;
        double instant = median(instantPerStep.stream().mapToDouble(Double::doubleValue).toArray()) / 1e6;
        System.out.printf(Locale.ROOT, "RESULT plan %d hosts: %.0f ms cold, %.0f ms warm (median of %d); target"
                + " < 1000 ms: %s%n", options.hosts(), planCold, planWarm, reps.size(),
                Math.max(planCold, planWarm) < 1000 ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "RESULT apply outside execution (log-in of %d hosts, plan, save): %.0f ms%n",
                options.hosts(), outside);
        System.out.printf(Locale.ROOT, "RESULT most hosts busy at once (both runs): %d, parallelism %d: %s%n",
                maxBusy,
                options.parallelism(), maxBusy <= options.parallelism() ? "within the bound" : "EXCEEDED");
        System.out.printf(Locale.ROOT, "RESULT executor overhead: %.3f ms a step (execution minus the least time"
                + " the commands need, over %d steps; median); target < 1 ms: %s%n", overhead, reps.get(0).steps,
                overhead < 1 ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "RESULT commands taking no time: %.3f ms a step (median)%n", instant);
    }

    /** A Clusterfile of {@code hosts} hosts, the first {@code masters} masters, at 10.1.x.y. */
    static String clusterfile(String name, Options options) {
        StringBuilder text = new StringBuilder("apiVersion: sealer.io/v2\nkind: Cluster\nmetadata:\n  name: ")
                .append(name).append("\nspec:\n  image: ").append(StubClusterImage.IMAGE)
                .append("\n  ssh:\n    user: root\n    passwd: benchmark\n  hosts:\n  - ips:\n");
        for (int i = 0; i < options.hosts(); i++) {
            if (i == options.masters()) {
                text.append("    roles:\n    - master\n  - ips:\n");
            }
            text.append("    - 10.1.").append(i / 250).append('.').append(i % 250 + 1).append('\n');
        }
        text.append("    roles:\n    - ").append(options.hosts() > options.masters() ? "node" : "master").append('\n');
        return text.toString();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private record Rep(long planCold, long planWarm, long applyWall, long execution, double criticalPath,
            double workOverParallelism, int maxBusy, double overheadPerStep, int steps) {
    }

    record Options(int hosts, int masters, int parallelism, int commandMs, int reps) {
        static Options parse(String[] args) {
            int hosts = 1000;
            int masters = 3;
            int parallelism = ApplyOptions.DEFAULT_PARALLELISM;
            int commandMs = 2;
            int reps = 3;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--hosts" -> hosts = Integer.parseInt(value);
                    case "--masters" -> masters = Integer.parseInt(value);
                    case "--parallelism" -> parallelism = Integer.parseInt(value);
                    case "--command-ms" -> commandMs = Integer.parseInt(value);
                    case "--reps" -> reps = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; usage:"
                            + " [--hosts 1000] [--masters 3] [--parallelism 32] [--command-ms 2] [--reps 3]");
                }
                i++;
            }
            if (masters < 1 || hosts < masters || hosts > 250 * 250) {
                throw new IllegalArgumentException("need 1 <= masters <= hosts <= 62500");
            }
            return new Options(hosts, masters, parallelism, commandMs, reps);
        }
    }
}
