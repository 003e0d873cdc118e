package io.sealer.benchmarks.registry;

import io.sealer.api.event.Progress;
import io.sealer.api.image.ImageReference;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.registry.internal.cache.CacheResult;
import io.sealer.registry.internal.cache.RegistryCache;
import io.sealer.registry.internal.client.OciRegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole-process benchmark: caches the same images from a local {@code docker-registry} with {@link RegistryCache}
 * and with {@code skopeo}, in one run, alternating, and prints the median times and their ratio. See
 * {@code REGISTRY-BENCHMARK.md} for what is measured and how to read it.
 *
 * <p>Usage: {@code CacheBenchmarkMain [--reps N] [--parallel N] [--seed N] [--work-dir DIR] [--keep]
 * [--no-oci-baseline] [--registry-bin PATH] [--skopeo PATH]}
 */
public final class CacheBenchmarkMain {
    private CacheBenchmarkMain() {
    }

    /** Parsed command line. */
    record Options(int reps, int parallel, long seed, Path workDir, boolean keep, boolean ociBaseline,
            String registryBin, String skopeo) {
        static Options parse(String[] args) {
            int reps = 3;
            int parallel = RegistrySettings.defaults().maxParallelBlobs();
            long seed = 42;
            Path workDir = null;
            boolean keep = false;
            boolean oci = true;
            String registry = "docker-registry";
            String skopeo = "skopeo";
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--reps" -> reps = Integer.parseInt(value(args, ++i));
                    case "--parallel" -> parallel = Integer.parseInt(value(args, ++i));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i));
                    case "--work-dir" -> workDir = Paths.get(value(args, ++i));
                    case "--keep" -> keep = true;
                    case "--no-oci-baseline" -> oci = false;
                    case "--registry-bin" -> registry = value(args, ++i);
                    case "--skopeo" -> skopeo = value(args, ++i);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; expected --reps N, --parallel N, --seed N, --work-dir DIR, --keep, "
                            + "--no-oci-baseline, --registry-bin PATH, --skopeo PATH");
                }
            }
            if (reps < 1 || parallel < 1) {
                throw new IllegalArgumentException("--reps and --parallel must be at least 1");
            }
            return new Options(reps, parallel, seed, workDir, keep, oci, registry, skopeo);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path work = options.workDir() == null ? Files.createTempDirectory("sealer-regbench-")
                : Files.createDirectories(options.workDir()).resolve("regbench-" + ProcessHandle.current().pid());
        Files.createDirectories(work);
        try {
            run(options, work);
        } finally {
            if (options.keep()) {
                say("kept %s", work);
            } else {
                Trees.delete(work);
            }
        }
    }

    private static void run(Options options, Path work) throws Exception {
        say("work directory %s, %d repetitions, cache parallelism %d, load %s", work, options.reps(),
                options.parallel(), Trees.loadAverage());
        long t0 = System.nanoTime();
        BenchImages data = BenchImages.generate(work.resolve("layout"), options.seed(), BenchImages.Shape.standard());
        say("generated %d images in %.1f s: %s unique config+layer bytes in %d blobs (%s if every image is "
                + "fetched whole), %d manifest bytes", data.images().size(), secs(System.nanoTime() - t0),
                mb(data.uniqueBlobBytes()), data.uniqueBlobs().size(), mb(data.perImageBlobBytes()),
                data.manifestBytes());
        if (data.images().size() < 10 || data.uniqueBlobBytes() < 200L * 1000 * 1000) {
            throw new IllegalStateException("data set too small for the benchmark's definition");
        }
        Path logs = Files.createDirectories(work.resolve("logs"));
        try (BenchRegistry registry = BenchRegistry.start(options.registryBin(), work.resolve("registry-root"),
                work.resolve("registry-work"))) {
            Skopeo skopeo = new Skopeo(options.skopeo(), logs.resolve("skopeo.log"));
            t0 = System.nanoTime();
            List<String> refs = new ArrayList<>();
            for (BenchImages.Image image : data.images()) {
                String ref = registry.host() + "/bench/" + image.name() + ":v1";
                skopeo.push(data.layout(), image.name(), ref);
                refs.add(ref);
            }
            say("pushed into %s in %.1f s (setup, not timed)", registry.host(), secs(System.nanoTime() - t0));
            Variants variants = new Variants(options, data, registry.host(), refs, skopeo, work);
            Map<String, List<Variants.Outcome>> outcomes = new LinkedHashMap<>();
            for (int rep = 1; rep <= options.reps(); rep++) {
                for (Variants.Kind kind : variants.kinds()) {
                    Variants.Outcome outcome = variants.run(kind, rep);
                    outcomes.computeIfAbsent(kind.label(), k -> new ArrayList<>()).add(outcome);
                    say("rep %d %-40s %6.2f s  (load %s)", rep, kind.label(), outcome.seconds(),
                            Trees.loadAverage());
                }
            }
            Report.print(data, outcomes, options);
        }
    }

    /** The measured variants, each run into a fresh directory that is verified and then deleted. */
    static final class Variants {
        enum Kind {
            SEALER_JVM("sealer, fresh JVM (CacheOnce)"),
            SEALER("sealer RegistryCache.write in-process"),
            SKOPEO_SYNC("skopeo sync --src yaml --dest dir"),
            SKOPEO_OCI("skopeo copy x N -> one OCI layout");

            private final String label;

            Kind(String label) {
                this.label = label;
            }

            String label() {
                return label;
            }
        }

        /** One timed run: wall seconds, the bytes of blobs it left on disk and sealer's result line. */
        record Outcome(double seconds, long blobBytesOnDisk, String cacheResult) {
        }

        private final Options options;
        private final BenchImages data;
        private final String host;
        private final List<String> refs;
        private final Skopeo skopeo;
        private final Path work;
        private final Path syncYaml;

        Variants(Options options, BenchImages data, String host, List<String> refs, Skopeo skopeo, Path work)
                throws IOException {
            this.options = options;
            this.data = data;
            this.host = host;
            this.refs = refs;
            this.skopeo = skopeo;
            this.work = work;
            StringBuilder yaml = new StringBuilder(host).append(":\n  tls-verify: false\n  images:\n");
            data.images().forEach(i -> yaml.append("    bench/").append(i.name()).append(": [\"v1\"]\n"));
            this.syncYaml = work.resolve("sync.yml");
            Files.writeString(syncYaml, yaml.toString());
        }

        List<Kind> kinds() {
            return options.ociBaseline() ? List.of(Kind.values())
                    : List.of(Kind.SEALER_JVM, Kind.SEALER, Kind.SKOPEO_SYNC);
        }

        Outcome run(Kind kind, int rep) throws Exception {
            Path dir = work.resolve("run-" + kind.name().toLowerCase(Locale.ROOT) + "-" + rep);
            try {
                return switch (kind) {
                    case SEALER_JVM -> sealerJvm(dir);
                    case SEALER -> sealer(dir);
                    case SKOPEO_SYNC -> skopeoSync(dir);
                    case SKOPEO_OCI -> skopeoOci(dir);
                };
            } finally {
                Trees.delete(dir);
            }
        }

        private Outcome sealer(Path layerDir) throws IOException {
            Files.createDirectories(layerDir);
            List<ImageReference> images = refs.stream().map(ImageReference::parse).toList();
            long start = System.nanoTime();
            CacheResult result;
            try (OciRegistryClient client = new OciRegistryClient(RegistrySettings.defaults())) {
                result = new RegistryCache(client, options.parallel(), Progress.NONE)
                        .write(images, List.of(), layerDir, List.of());
            }
            double seconds = secs(System.nanoTime() - start);
            long onDisk = Verify.registryStorage(data, RegistryCache.storageDirectory(layerDir));
            Verify.cacheResult(data, result);
            return new Outcome(seconds, onDisk, CacheOnce.line(result));
        }

        private Outcome sealerJvm(Path layerDir) throws Exception {
            Files.createDirectories(layerDir);
            List<String> command = new ArrayList<>(List.of(
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CacheOnce.class.getName(),
                    Integer.toString(options.parallel()), layerDir.toString()));
            command.addAll(refs);
            long start = System.nanoTime();
            String line = Commands.output(command, work.resolve("logs/cache-once.log"));
            double seconds = secs(System.nanoTime() - start);
            long onDisk = Verify.registryStorage(data, RegistryCache.storageDirectory(layerDir));
            Verify.cacheResult(data, line);
            return new Outcome(seconds, onDisk, line.trim());
        }

        private Outcome skopeoSync(Path dest) throws Exception {
            Files.createDirectories(dest);
            long start = System.nanoTime();
            skopeo.syncToDir(syncYaml, dest);
            double seconds = secs(System.nanoTime() - start);
            return new Outcome(seconds, Verify.dirCopies(data, dest), null);
        }

        private Outcome skopeoOci(Path layout) throws Exception {
            long start = System.nanoTime();
            for (int i = 0; i < refs.size(); i++) {
                skopeo.copyToOciLayout(refs.get(i), layout, data.images().get(i).name());
            }
            double seconds = secs(System.nanoTime() - start);
            return new Outcome(seconds, Verify.ociLayout(data, layout), null);
        }
    }

    static double secs(long nanos) {
        return nanos / 1e9;
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
