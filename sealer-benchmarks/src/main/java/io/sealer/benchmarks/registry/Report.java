package io.sealer.benchmarks.registry;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints the result table: per variant the run times, the median, throughput and the ratio to sealer. */
final class Report {
    private Report() {
    }

    static void print(BenchImages data, Map<String, List<CacheBenchmarkMain.Variants.Outcome>> outcomes,
            CacheBenchmarkMain.Options options) {
        double unique = data.uniqueBlobBytes() / 1e6;
        String sealerLabel = CacheBenchmarkMain.Variants.Kind.SEALER_JVM.label();
        String inProcess = CacheBenchmarkMain.Variants.Kind.SEALER.label();
        double sealerMedian = median(outcomes.get(sealerLabel));
        say("");
        say("%d images, %.1f MB unique config+layer blobs (%.1f MB summed per image), cache parallelism %d",
                data.images().size(), unique, data.perImageBlobBytes() / 1e6, options.parallel());
        say("%-40s %-32s %7s %10s %11s %18s", "variant", "runs (s)", "median", "MB/s uniq", "MB on disk",
                "time / fresh-JVM");
        for (Map.Entry<String, List<CacheBenchmarkMain.Variants.Outcome>> e : outcomes.entrySet()) {
            double median = median(e.getValue());
            StringBuilder runs = new StringBuilder();
            e.getValue().forEach(o -> runs.append(String.format(Locale.ROOT, "%.2f ", o.seconds())));
            say("%-40s %-32s %7.2f %10.1f %11.1f %18.2f", e.getKey(), runs.toString().trim(), median,
                    unique / median, e.getValue().get(0).blobBytesOnDisk() / 1e6, median / sealerMedian);
        }
        say("sealer result (every run): %s; expected bytesFetched = unique config+layer bytes %d; manifests "
                + "(fetched separately, not counted): %d bytes", outcomes.get(sealerLabel).get(0).cacheResult(),
                data.uniqueBlobBytes(), data.manifestBytes());
        double sync = median(outcomes.get(CacheBenchmarkMain.Variants.Kind.SKOPEO_SYNC.label()));
        say("RATIO skopeo sync / sealer fresh JVM (median wall time): %.2fx", sync / sealerMedian);
        say("RATIO skopeo sync / sealer in-process (median wall time): %.2fx", sync / median(outcomes.get(inProcess)));
    }

    static double median(List<CacheBenchmarkMain.Variants.Outcome> outcomes) {
        double[] s = outcomes.stream().mapToDouble(CacheBenchmarkMain.Variants.Outcome::seconds).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static void say(String format, Object... args) {
        CacheBenchmarkMain.say(format, args);
    }
}
