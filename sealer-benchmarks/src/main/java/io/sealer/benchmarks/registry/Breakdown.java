package io.sealer.benchmarks.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a fresh JVM's time goes, measured after the timed repetitions against the same registry (not interleaved with
 * skopeo; each figure is the median of a few runs unless said otherwise):
 * <ol>
 *   <li>JVM start: {@code java -version}; the CLI's start: {@code sealer version} through the launcher, and
 *       {@code java -jar sealer.jar version} with and without class data sharing;</li>
 *   <li>classes the CLI build loads, and how many came from a class-data archive;</li>
 *   <li>a fresh JVM's HTTP costs ({@link HttpProbe}): creating the client, the first and second request, the blobs,
 *       for java.net.http and HttpURLConnection;</li>
 *   <li>the phases of one CLI build, from its debug log with timestamps: first log line, first request, manifests
 *       read, last blob stored, cache written, layer stored (its digest), image committed, exit;</li>
 *   <li>system calls of one CLI build and of skopeo's 12 copies ({@code strace -f -c}), fsyncs among them.</li>
 * </ol>
 */
final class Breakdown {
    private static final int RUNS = 5;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final CacheBenchmarkMain.Options options;
    private final AtomicInteger stores = new AtomicInteger();
    private final BenchImages data;
    private final BenchRegistry registry;
    private final List<String> refs;
    private final SealerCli cli;
    private final Path work;
    private final Path logs;
    private final String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();

    Breakdown(CacheBenchmarkMain.Options options, BenchImages data, BenchRegistry registry, List<String> refs,
            CacheBenchmarkMain.Variants variants, Path work) throws IOException {
        this.options = options;
        this.data = data;
        this.registry = registry;
        this.refs = refs;
        this.cli = variants.cli();
        this.work = Files.createDirectories(work.resolve("breakdown"));
        this.logs = Files.createDirectories(this.work.resolve("logs"));
    }

    void run() throws Exception {
        say("");
        say("BREAKDOWN (fresh JVMs; load %s)", Trees.loadAverage());
        startup();
        launcherLevers();
        classes();
        http();
        phases();
        syscalls();
    }

    private void startup() throws Exception {
        String jar = cli.jar().toString();
        for (int i = 0; i < 2; i++) { // the launcher's class-data archive of "version": listed, then dumped
            timed(List.of(cli.launcherPath(), "version"), Map.of());
        }
        say("  %-58s %7.0f ms", "java -version (JVM start and exit)",
                median(() -> timed(List.of(java, "-version"), Map.of())));
        say("  %-58s %7.0f ms", "java -Xshare:off -jar sealer.jar version",
                median(() -> timed(List.of(java, "-Xshare:off", "-jar", jar, "version"), Map.of())));
        say("  %-58s %7.0f ms", "java -jar sealer.jar version (JDK's class-data archive)",
                median(() -> timed(List.of(java, "-jar", jar, "version"), Map.of())));
        say("  %-58s %7.0f ms", "bin/sealer version (the launcher, as users run it)",
                median(() -> timed(List.of(cli.launcherPath(), "version"), Map.of())));
    }

    /** What the launcher's JVM options and class-data archive give a whole CLI build. */
    private void launcherLevers() throws Exception {
        String jar = cli.jar().toString();
        Map<String, List<Double>> runs = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            runs.computeIfAbsent("CLI build, bin/sealer (as timed above)", k -> new ArrayList<>())
                    .add(cliBuild(cli.buildCommand(store(i), options.parallel(), List.of()), Map.of()));
            runs.computeIfAbsent("CLI build, bin/sealer with SEALER_NO_CDS=1", k -> new ArrayList<>())
                    .add(cliBuild(cli.buildCommand(store(i), options.parallel(), List.of()),
                            Map.of("SEALER_NO_CDS", "1")));
            runs.computeIfAbsent("CLI build, bin/sealer with SEALER_FULL_JIT=1", k -> new ArrayList<>())
                    .add(cliBuild(cli.buildCommand(store(i), options.parallel(), List.of()),
                            Map.of("SEALER_FULL_JIT", "1")));
            List<String> launched = cli.buildCommand(store(i), options.parallel(), List.of());
            List<String> plain = new ArrayList<>(List.of(java, "-jar", jar));
            plain.addAll(launched.subList(1, launched.size()));
            runs.computeIfAbsent("CLI build, java -jar sealer.jar (JVM defaults, no archive)",
                    k -> new ArrayList<>()).add(cliBuild(plain, Map.of()));
        }
        runs.forEach((k, v) -> say("  %-58s %7.0f ms", k + " (median of 3)", med(v)));
    }

    /** A store no earlier run has used (outputs are emptied, not deleted, between runs). */
    private Path store(int i) {
        return work.resolve("store-levers-" + i + "-" + stores.incrementAndGet());
    }

    private double cliBuild(List<String> command, Map<String, String> environment) throws Exception {
        Path store = command.get(command.indexOf("--root") + 1) == null ? null
                : Path.of(command.get(command.indexOf("--root") + 1));
        double ms = timed(command, environment);
        options.discard(store);
        Commands.check(List.of("sync"), logs.resolve("sync.log"));
        return ms;
    }

    private void classes() throws Exception {
        Path classLog = logs.resolve("classes.log");
        Path store = work.resolve("store-classes");
        cli.build(store, options.parallel(), Map.of("SEALER_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog),
                List.of(), logs.resolve("cli-classes.log"));
        options.discard(store);
        int total = 0;
        int shared = 0;
        for (String line : Files.readAllLines(classLog)) {
            if (line.contains(" source: ")) {
                total++;
                if (line.contains("shared objects file")) {
                    shared++;
                }
            }
        }
        say("  %-58s %7d (%d from a class-data archive)", "classes loaded by one CLI build", total, shared);
    }

    private void http() throws Exception {
        Path list = work.resolve("blobs.txt");
        StringBuilder text = new StringBuilder();
        for (Floor.Fetch fetch : Floor.fetches(data)) {
            text.append(fetch.repository()).append(' ').append(fetch.blob().digest()).append(' ')
                    .append(fetch.blob().size()).append('\n');
        }
        Files.writeString(list, text);
        for (String mode : List.of("httpclient", "urlconnection")) {
            Map<String, List<Double>> values = new LinkedHashMap<>();
            List<Double> wall = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path dir = work.resolve("probe-" + mode + "-" + i);
                long spawn = System.currentTimeMillis();
                long start = System.nanoTime();
                String out = Commands.output(List.of(java, "-cp", System.getProperty("java.class.path"),
                        HttpProbe.class.getName(), mode, Long.toString(spawn), registry.host(), list.toString(),
                        dir.toString(), Integer.toString(options.parallel())), logs.resolve("probe.log"));
                wall.add((System.nanoTime() - start) / 1e6);
                options.discard(dir);
                for (String line : out.split("\n")) {
                    String[] kv = line.trim().split("=");
                    if (kv.length == 2) {
                        values.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(Double.parseDouble(kv[1]));
                    }
                }
            }
            say("  %-58s main %.0f, client %.0f, 1st GET %.0f, 2nd GET %.1f, %d blobs %.0f; process %.0f ms",
                    "fresh JVM, " + (mode.equals("httpclient") ? "java.net.http HttpClient" : "HttpURLConnection")
                            + " (medians of 3)", med(values.get("main")), med(values.get("create")),
                    med(values.get("first")), med(values.get("second")), data.uniqueBlobs().size(),
                    med(values.get("blobs")), med(wall));
        }
    }

    /** The CLI build's phases from its debug log, in ms after the process was started. */
    private void phases() throws Exception {
        Map<String, List<Double>> phases = new TreeMap<>();
        for (int i = 0; i < 3; i++) {
            Path log = logs.resolve("cli-debug-" + i + ".log");
            Path store = work.resolve("store-debug-" + i);
            long spawn = System.currentTimeMillis();
            cli.build(store, options.parallel(), Map.of("SEALER_JAVA_OPTS",
                    "-Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat="
                            + "yyyy-MM-dd'T'HH:mm:ss.SSSZ"), List.of("-d"), log);
            long end = System.currentTimeMillis();
            options.discard(store);
            Map<String, Long> at = new LinkedHashMap<>();
            Pattern stamp = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4}) ");
            for (String line : Files.readAllLines(log)) {
                Matcher m = stamp.matcher(line);
                if (!m.find()) {
                    continue;
                }
                long t = OffsetDateTime.parse(m.group(1), STAMP).toInstant().toEpochMilli() - spawn;
                at.putIfAbsent("a first log line", t);
                if (line.contains(" GET http")) {
                    at.putIfAbsent("b first request", t);
                }
                if (line.contains(": manifests read")) {
                    at.put("c manifests of every image read", t);
                }
                if (line.contains("stored blob ")) {
                    at.put("d last blob stored", t);
                }
                if (line.contains("registry cache written")) {
                    at.put("e registry cache written", t);
                }
                if (line.contains("stored layer ")) {
                    at.put("f layer digest computed, layer stored", t);
                }
                if (line.contains("committing ")) {
                    at.put("g image committed", t);
                }
            }
            at.put("h process ended", end - spawn);
            at.forEach((k, v) -> phases.computeIfAbsent(k, x -> new ArrayList<>()).add((double) v));
        }
        say("  CLI build phases, ms after the launcher was started (debug logging on; medians of 3):");
        phases.forEach((k, v) -> say("    %-56s %7.0f", k.substring(2), med(v)));
    }

    private void syscalls() throws Exception {
        if (!new java.io.File("/usr/bin/strace").canExecute()) {
            say("  (no /usr/bin/strace: system calls not counted)");
            return;
        }
        Path out = logs.resolve("strace-cli.txt");
        Path store = work.resolve("store-strace");
        List<String> command = new ArrayList<>(List.of("/usr/bin/strace", "-f", "-c", "-o", out.toString()));
        command.addAll(cli.buildCommand(store, options.parallel(), List.of()));
        SealerCli.run(command, Map.of(), logs.resolve("strace-run.log"));
        options.discard(store);
        say("  %-58s %s", "system calls, one CLI build (strace -f -c)", summary(out));
        Path layout = work.resolve("strace-oci");
        Path out2 = logs.resolve("strace-skopeo.txt");
        StringBuilder script = new StringBuilder("set -e\n");
        for (int i = 0; i < refs.size(); i++) {
            script.append(options.skopeo()).append(" copy --quiet --src-tls-verify=false docker://")
                    .append(refs.get(i)).append(" oci:").append(layout).append(':')
                    .append(data.images().get(i).name()).append('\n');
        }
        SealerCli.run(List.of("/usr/bin/strace", "-f", "-c", "-o", out2.toString(), "sh", "-c", script.toString()),
                Map.of(), logs.resolve("strace-run.log"));
        options.discard(layout);
        say("  %-58s %s", "system calls, skopeo copy x12 into one OCI layout", summary(out2));
    }

    /** Totals of an {@code strace -c} table: all calls, and the ones about files and syncing. */
    private static String summary(Path table) throws IOException {
        Map<String, Long> calls = new TreeMap<>();
        long total = 0;
        for (String line : Files.readAllLines(table)) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && f[0].matches("[0-9.]+") && !line.contains("total")) {
                String name = f[f.length - 1];
                long n = Long.parseLong(f[3]);
                calls.put(name, n);
                total += n;
            }
        }
        long fsync = sum(calls, "fsync", "fdatasync", "sync_file_range", "syncfs");
        long writes = sum(calls, "write", "pwrite64", "writev", "pwritev");
        long reads = sum(calls, "read", "pread64", "readv", "recvfrom");
        long opens = sum(calls, "openat", "open");
        long renames = sum(calls, "rename", "renameat", "renameat2");
        long futex = sum(calls, "futex");
        return String.format(Locale.ROOT, "%d calls: %d fsync, %d write, %d read/recv, %d open, %d rename, "
                + "%d futex", total, fsync, writes, reads, opens, renames, futex);
    }

    private static long sum(Map<String, Long> calls, String... names) {
        long n = 0;
        for (String name : names) {
            n += calls.getOrDefault(name, 0L);
        }
        return n;
    }

    private interface Run {
        double millis() throws Exception;
    }

    private double median(Run run) throws Exception {
        double[] values = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            values[i] = run.millis();
        }
        return Report.median(values);
    }

    private double timed(List<String> command, Map<String, String> environment) throws Exception {
        long start = System.nanoTime();
        SealerCli.run(command, environment, logs.resolve("startup.log"));
        return (System.nanoTime() - start) / 1e6;
    }

    private static double med(List<Double> values) {
        return values == null ? Double.NaN : Report.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static void say(String format, Object... args) {
        CacheBenchmarkMain.say(format, args);
    }
}
