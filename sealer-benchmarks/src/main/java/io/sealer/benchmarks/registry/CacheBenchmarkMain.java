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
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Whole-process benchmark: caches the same images from a local {@code docker-registry} with sealer (the CLI in a
 * fresh JVM, and {@link RegistryCache} in this JVM) and with {@code skopeo}, in one run, interleaved, next to a floor
 * (plain parallel GETs), and prints the median times and their ratios; then, unless {@code --no-breakdown}, where a
 * fresh JVM's time goes. See {@code REGISTRY-BENCHMARK.md} for what is measured and how to read it.
 *
 * <p>Usage: {@code CacheBenchmarkMain --sealer PATH [--reps N] [--parallel N] [--seed N] [--work-dir DIR] [--keep]
 * [--no-sync] [--no-sdk-jvm] [--no-breakdown] [--no-settle] [--delete-between] [--fixed-order]
 * [--registry-bin PATH] [--skopeo PATH]}
 */
public final class CacheBenchmarkMain {
    private CacheBenchmarkMain() {
    }

    /** Parsed command line. */
    record Options(int reps, int parallel, long seed, Path workDir, boolean keep, boolean sync, boolean sdkJvm,
            boolean breakdown, boolean settle, boolean deleteBetween, boolean fixedOrder, String sealer,
            String registryBin, String skopeo) {
        static Options parse(String[] args) {
            int reps = 5;
            int parallel = RegistrySettings.defaults().maxParallelBlobs();
            long seed = 42;
            Path workDir = null;
            boolean keep = false;
            boolean sync = true;
            boolean sdkJvm = true;
            boolean breakdown = true;
            boolean settle = true;
            boolean deleteBetween = false;
            boolean fixedOrder = false;
            String sealer = null;
            String registry = "docker-registry";
            String skopeo = "skopeo";
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--reps" -> reps = Integer.parseInt(value(args, ++i));
                    case "--parallel" -> parallel = Integer.parseInt(value(args, ++i));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i));
                    case "--work-dir" -> workDir = Paths.get(value(args, ++i));
                    case "--keep" -> keep = true;
                    case "--no-sync" -> sync = false;
                    case "--no-sdk-jvm" -> sdkJvm = false;
                    case "--no-breakdown" -> breakdown = false;
                    case "--no-settle" -> settle = false;
                    case "--delete-between" -> deleteBetween = true;
                    case "--fixed-order" -> fixedOrder = true;
                    case "--sealer" -> sealer = value(args, ++i);
                    case "--registry-bin" -> registry = value(args, ++i);
                    case "--skopeo" -> skopeo = value(args, ++i);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; expected --sealer PATH, --reps N, --parallel N, --seed N, --work-dir DIR, --keep, "
                            + "--no-sync, --no-sdk-jvm, --no-breakdown, --no-settle, --delete-between, "
                            + "--fixed-order, --registry-bin PATH, --skopeo PATH");
                }
            }
            if (reps < 1 || parallel < 1) {
                throw new IllegalArgumentException("--reps and --parallel must be at least 1");
            }
            if (sealer == null) {
                throw new IllegalArgumentException("--sealer PATH (the CLI launcher, sealer-examples/bin/sealer) "
                        + "is required");
            }
            return new Options(reps, parallel, seed, workDir, keep, sync, sdkJvm, breakdown, settle, deleteBetween,
                    fixedOrder, sealer, registry, skopeo);
        }

        /**
         * Frees a finished run's output: emptied, its tree left until the end ({@link Trees#empty}), or deleted
         * with {@code --delete-between}.
         */
        void discard(Path dir) throws IOException {
            if (deleteBetween) {
                Trees.delete(dir);
            } else {
                Trees.empty(dir);
            }
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
        say("work directory %s, %d repetitions, parallelism %d, %s, load %s", work, options.reps(),
                options.parallel(), (options.settle() ? "sync after each run" : "no sync between runs (--no-settle)")
                        + (options.deleteBetween() ? ", outputs deleted between runs (--delete-between)"
                                : ", outputs emptied between runs and deleted at the end")
                        + (options.fixedOrder() ? ", variants rotated (--fixed-order)" : ", variants in seeded random order"),
                Trees.loadAverage());
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
            Variants variants = new Variants(options, data, registry, refs, skopeo, work);
            t0 = System.nanoTime();
            double recording = variants.prepareCli();
            say("CLI launcher prepared (setup, not timed): its first build after the jar was built took %.2f s "
                    + "(listing the classes it loads), the second dumped them into the class-data archive, %.2f s in "
                    + "all",
                    recording, secs(System.nanoTime() - t0));
            List<Variants.Kind> kinds = variants.kinds();
            Map<Variants.Kind, List<Variants.Outcome>> outcomes = new EnumMap<>(Variants.Kind.class);
            for (int rep = 1; rep <= options.reps(); rep++) {
                for (Variants.Kind kind : order(kinds, rep, options)) {
                    Variants.Outcome outcome = variants.run(kind, rep);
                    outcomes.computeIfAbsent(kind, x -> new ArrayList<>()).add(outcome);
                    say("rep %d %-46s %6.2f s  %s  (load %s)", rep, kind.label(), outcome.seconds(),
                            outcome.requests().describe(), Trees.loadAverage());
                }
            }
            Report.print(data, outcomes, options);
            if (options.breakdown()) {
                new Breakdown(options, data, registry, refs, variants, work).run();
            }
        }
    }

    /**
     * The variants of one repetition, interleaved: in an order drawn from the seed, so that no variant always runs
     * first or always after the same one (a run after one that freed much memory or many inodes pays for it); with
     * {@code --fixed-order}, rotated: each repetition starts with the next variant, the order otherwise fixed.
     */
    static List<Variants.Kind> order(List<Variants.Kind> kinds, int rep, Options options) {
        List<Variants.Kind> order = new ArrayList<>(kinds);
        if (options.fixedOrder()) {
            Collections.rotate(order, -(rep - 1));
        } else {
            Collections.shuffle(order, new Random(options.seed() * 7919 + rep));
        }
        return order;
    }

    /** The measured variants, each run into a fresh directory that is verified and then deleted. */
    static final class Variants {
        enum Kind {
            SEALER_CLI("sealer build, CLI in a fresh JVM"),
            SEALER_SDK_JVM("RegistryCache.write, fresh JVM (CacheOnce)"),
            SEALER("RegistryCache.write in-process"),
            FLOOR("floor: parallel plain GETs + SHA-256"),
            SKOPEO_OCI("skopeo copy x12 -> one OCI layout"),
            SKOPEO_SYNC("skopeo sync --src yaml --dest dir");

            private final String label;

            Kind(String label) {
                this.label = label;
            }

            String label() {
                return label;
            }
        }

        /** One timed run: wall seconds, the bytes of blobs it left on disk, sealer's result line, the requests. */
        record Outcome(double seconds, long blobBytesOnDisk, String cacheResult, AccessLog requests) {
        }

        private final Options options;
        private final BenchImages data;
        private final BenchRegistry registry;
        private final String host;
        private final List<String> refs;
        private final Skopeo skopeo;
        private final Path work;
        private final Path syncYaml;
        private final SealerCli cli;
        private final List<Floor.Fetch> floorFetches;

        Variants(Options options, BenchImages data, BenchRegistry registry, List<String> refs, Skopeo skopeo,
                Path work) throws IOException {
            this.options = options;
            this.data = data;
            this.registry = registry;
            this.host = registry.host();
            this.refs = refs;
            this.skopeo = skopeo;
            this.work = work;
            StringBuilder yaml = new StringBuilder(host).append(":\n  tls-verify: false\n  images:\n");
            data.images().forEach(i -> yaml.append("    bench/").append(i.name()).append(": [\"v1\"]\n"));
            this.syncYaml = work.resolve("sync.yml");
            Files.writeString(syncYaml, yaml.toString());
            this.cli = SealerCli.prepare(options.sealer(), work.resolve("cli"), refs);
            this.floorFetches = Floor.fetches(data);
        }

        SealerCli cli() {
            return cli;
        }

        /**
         * Two untimed CLI builds, so that the timed ones run as every run after the first two does: the launcher
         * lists the classes a command loads in its first run after the jar was built and dumps them into the
         * command's class-data archive in the next one. Returns the first run's seconds.
         */
        double prepareCli() throws Exception {
            double first = 0;
            for (int i = 0; i < 2; i++) {
                Path store = work.resolve("cli-prepare-" + i);
                long start = System.nanoTime();
                cli.build(store, options.parallel(), Map.of(), List.of(), work.resolve("logs/cli.log"));
                if (i == 0) {
                    first = secs(System.nanoTime() - start);
                }
                options.discard(store);
            }
            settle();
            return first;
        }

        List<Kind> kinds() {
            List<Kind> kinds = new ArrayList<>(List.of(Kind.SEALER_CLI, Kind.SEALER_SDK_JVM, Kind.SEALER,
                    Kind.FLOOR, Kind.SKOPEO_OCI, Kind.SKOPEO_SYNC));
            if (!options.sync()) {
                kinds.remove(Kind.SKOPEO_SYNC);
            }
            if (!options.sdkJvm()) {
                kinds.remove(Kind.SEALER_SDK_JVM);
            }
            return kinds;
        }

        Outcome run(Kind kind, int rep) throws Exception {
            Path dir = work.resolve("run-" + kind.name().toLowerCase(Locale.ROOT) + "-" + rep);
            long mark = registry.logMark();
            try {
                Timed timed = switch (kind) {
                    case SEALER_CLI -> sealerCli(dir);
                    case SEALER_SDK_JVM -> sealerJvm(dir);
                    case SEALER -> sealer(dir);
                    case FLOOR -> floor(dir);
                    case SKOPEO_OCI -> skopeoOci(dir);
                    case SKOPEO_SYNC -> skopeoSync(dir);
                };
                AccessLog requests = registry.requestsSince(mark);
                if (kind != Kind.SKOPEO_SYNC) {
                    expect(requests.blobBytes() == data.uniqueBlobBytes() && requests.blobGets()
                            == data.uniqueBlobs().size(), kind.label() + " fetched " + requests.blobBytes()
                            + " blob bytes in " + requests.blobGets() + " GETs, expected the unique "
                            + data.uniqueBlobBytes() + " bytes in " + data.uniqueBlobs().size());
                }
                return new Outcome(timed.seconds(), timed.onDisk(), timed.result(), requests);
            } finally {
                options.discard(dir);
                settle();
            }
        }

        /**
         * After a run's output is freed: {@code sync}, so the next run neither competes with writing back the
         * previous one nor, when outputs are deleted ({@code --delete-between}) on a file system without a journal
         * (this machine's ext4), steps over more recently freed inodes than it must (inode allocation skips those
         * freed in the last 60 s, or 360 s while their inode table is not yet written back); a full GC of this JVM, so that no collection left over from the in-process runs competes
         * with the next run; and a 0.2 s pause. Untimed; the same for every variant.
         */
        void settle() throws IOException, InterruptedException {
            if (options.settle()) {
                Commands.check(List.of("sync"), work.resolve("logs/sync.log"));
                System.gc();
                Thread.sleep(200);
            }
        }

        private record Timed(double seconds, long onDisk, String result) {
        }

        private Timed sealer(Path layerDir) throws IOException {
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
            return new Timed(seconds, onDisk, CacheOnce.line(result));
        }

        private Timed sealerJvm(Path layerDir) throws Exception {
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
            return new Timed(seconds, onDisk, line.trim());
        }

        private Timed sealerCli(Path store) throws Exception {
            long start = System.nanoTime();
            cli.build(store, options.parallel(), Map.of(), List.of(), work.resolve("logs/cli.log"));
            double seconds = secs(System.nanoTime() - start);
            long onDisk = Verify.registryStorage(data, cli.cacheLayer(store));
            return new Timed(seconds, onDisk, null);
        }

        private Timed floor(Path dir) throws Exception {
            long start = System.nanoTime();
            long bytes = Floor.run(host, floorFetches, dir, options.parallel());
            double seconds = secs(System.nanoTime() - start);
            expect(bytes == data.uniqueBlobBytes(), "floor fetched " + bytes + " bytes");
            return new Timed(seconds, bytes, null);
        }

        private Timed skopeoSync(Path dest) throws Exception {
            Files.createDirectories(dest);
            long start = System.nanoTime();
            skopeo.syncToDir(syncYaml, dest);
            double seconds = secs(System.nanoTime() - start);
            return new Timed(seconds, Verify.dirCopies(data, dest), null);
        }

        private Timed skopeoOci(Path layout) throws Exception {
            long start = System.nanoTime();
            for (int i = 0; i < refs.size(); i++) {
                skopeo.copyToOciLayout(refs.get(i), layout, data.images().get(i).name());
            }
            double seconds = secs(System.nanoTime() - start);
            return new Timed(seconds, Verify.ociLayout(data, layout), null);
        }
    }

    static void expect(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException("verification failed: " + problem);
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

    /** Files under {@code dir} whose name is {@code name}, at any depth. */
    static List<Path> find(Path dir, String name) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().equals(name)).toList();
        }
    }
}
