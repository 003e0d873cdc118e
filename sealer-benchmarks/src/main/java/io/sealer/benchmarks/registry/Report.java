package io.sealer.benchmarks.registry;

import io.sealer.benchmarks.registry.CacheBenchmarkMain.Variants.Kind;
import io.sealer.benchmarks.registry.CacheBenchmarkMain.Variants.Outcome;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the result table (per variant the run times, the median, throughput, bytes stored, requests) and the ratio
 * lines, which a program can read: {@code RATIO skopeo-oci / sealer-fresh-jvm: X.XXx} and
 * {@code RATIO skopeo-oci / sealer-in-process: X.XXx}, and {@code FLOOR ...}.
 */
final class Report {
    static final double FRESH_JVM_TARGET = 1.2;
    static final double IN_PROCESS_TARGET = 1.5;

    private Report() {
    }

    static void print(BenchImages data, Map<Kind, List<Outcome>> outcomes, CacheBenchmarkMain.Options options) {
        double unique = data.uniqueBlobBytes() / 1e6;
        double oci = median(outcomes.get(Kind.SKOPEO_OCI));
        say("");
        say("%d images, %.1f MB unique config+layer blobs in %d blobs (%.1f MB summed per image), parallelism %d, "
                + "%d repetitions", data.images().size(), unique, data.uniqueBlobs().size(),
                data.perImageBlobBytes() / 1e6, options.parallel(), options.reps());
        say("%-46s %-40s %7s %9s %8s %9s  %s", "variant", "runs (s)", "median", "MB/s uniq", "MB disk",
                "/ skopeo", "requests (first run)");
        for (Map.Entry<Kind, List<Outcome>> e : outcomes.entrySet()) {
            double median = median(e.getValue());
            StringBuilder runs = new StringBuilder();
            e.getValue().forEach(o -> runs.append(String.format(Locale.ROOT, "%.2f ", o.seconds())));
            Outcome first = e.getValue().get(0);
            say("%-46s %-40s %7.2f %9.1f %8.1f %9.2f  %s", e.getKey().label(), runs.toString().trim(), median,
                    unique / median, first.blobBytesOnDisk() / 1e6, median / oci, first.requests().describe());
        }
        say("blob bytes the registry sent per run: sealer, floor and skopeo-oci %d (= the unique config+layer "
                + "bytes), manifests %d bytes", data.uniqueBlobBytes(), data.manifestBytes());
        outcomes.getOrDefault(Kind.SKOPEO_SYNC, List.of()).stream().findFirst().ifPresent(o -> say(
                "skopeo sync fetched %d blob bytes (every image whole)", o.requests().blobBytes()));
        double cli = median(outcomes.get(Kind.SEALER_CLI));
        double inProcess = median(outcomes.get(Kind.SEALER));
        double floor = median(outcomes.get(Kind.FLOOR));
        say("");
        say("RATIO skopeo-oci / sealer-fresh-jvm: %.2fx", oci / cli);
        say("RATIO skopeo-oci / sealer-in-process: %.2fx", oci / inProcess);
        say("FLOOR parallel plain GETs + SHA-256 into files, in-process: %.2f s; sealer in-process / floor: %.2fx",
                floor, inProcess / floor);
        if (outcomes.containsKey(Kind.SKOPEO_SYNC)) {
            double sync = median(outcomes.get(Kind.SKOPEO_SYNC));
            say("RATIO skopeo-sync / sealer-fresh-jvm: %.2fx", sync / cli);
        }
        if (outcomes.containsKey(Kind.SEALER_SDK_JVM)) {
            say("RATIO skopeo-oci / sealer-sdk-fresh-jvm: %.2fx", oci / median(outcomes.get(Kind.SEALER_SDK_JVM)));
        }
        say("targets: fresh JVM >= %.2fx %s, in-process >= %.2fx %s (medians of %d)", FRESH_JVM_TARGET,
                oci / cli >= FRESH_JVM_TARGET ? "met" : "NOT met", IN_PROCESS_TARGET,
                oci / inProcess >= IN_PROCESS_TARGET ? "met" : "NOT met", options.reps());
    }

    static double median(List<Outcome> outcomes) {
        return median(outcomes.stream().mapToDouble(Outcome::seconds).toArray());
    }

    static double median(double[] values) {
        double[] s = values.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static void say(String format, Object... args) {
        CacheBenchmarkMain.say(format, args);
    }
}
