package io.sealer.benchmarks.ssh;

import io.sealer.api.event.Progress;
import io.sealer.api.spi.HostConnector;
import io.sealer.api.spi.HostSession;
import io.sealer.api.spi.TreeTransfer;
import io.sealer.it.support.HostBedExtension;
import io.sealer.it.support.TestHost;
import io.sealer.ssh.MinaHostConnectorProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Sends a rootfs-like tree to real OpenSSH hosts of the test bed (network namespaces on this machine) with our
 * connector and with the alternatives, in one run, and prints the ratios (speed of ours over theirs):
 * <ul>
 *   <li>one host: ours vs {@code tar -C src -cf - . | ssh host tar -C dst -xf -};</li>
 *   <li>every host at once: ours (one connector) vs as many parallel OpenSSH pipes;</li>
 *   <li>the small-file part: ours vs sealer's method (per file: a new connection with an SFTP write, and a new
 *       connection running {@code md5sum}), reproduced with MINA's SFTP client;</li>
 *   <li>a re-send of unchanged content: bytes of file content sent (zero expected).</li>
 * </ul>
 * The receiving side writes into a tmpfs by default, so the ratios measure CPU per byte rather than this machine's
 * disk; {@code --disk} writes to the hosts' disk-backed directories instead. Runs alternate between the tools.
 * Needs root (network namespaces). Usage: {@code SshTransferBenchmarkMain [--size-mb 1024] [--hosts 8] [--reps 5]
 * [--sealer-files 2000] [--disk]}.
 */
public final class SshTransferBenchmarkMain {
    private static final String AREA = "/var/lib/sealer/bench";
    private static final String TARGET = AREA + "/rootfs";

    private SshTransferBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path work = Files.createTempDirectory("sealer-ssh-bench-");
        try (HostBedExtension bed = HostBedExtension.withHosts(options.hosts())) {
            bed.start();
            if (options.tmpfs()) {
                for (TestHost host : bed.hosts()) {
                    host.check("mkdir -p " + AREA + " && mount -t tmpfs -o size=" + (options.sizeMb() * 2 + 64)
                            + "m sealer-bench " + AREA);
                }
            }
            Path tree = work.resolve("tree");
            TreeStats stats = writeTree(tree, options.sizeMb());
            System.out.printf(Locale.ROOT, "tree: %d small files (%d MB), %d large files (%d MB); %d hosts;"
                    + " receiving side on %s%n", stats.smallFiles(), stats.smallBytes() / 1_000_000,
                    stats.largeFiles(), stats.largeBytes() / 1_000_000, options.hosts(),
                    options.tmpfs() ? "tmpfs (CPU per byte)" : "disk");
            try (HostConnector connector = new MinaHostConnectorProvider().create(bed.sshSettings().build())) {
                List<HostSession> sessions = new ArrayList<>();
                for (TestHost host : bed.hosts()) {
                    sessions.add(connector.connect(host.address(), bed.clientKey().credentials("root")));
                }
                long[] ours1 = new long[options.reps()];
                long[] ssh1 = new long[options.reps()];
                for (int rep = 0; rep < options.reps(); rep++) {
                    clean(bed.hosts().subList(0, 1));
                    ssh1[rep] = time(() -> openSshPipe(bed, bed.host(0), tree));
                    clean(bed.hosts().subList(0, 1));
                    int r = rep;
                    ours1[rep] = time(() -> sessions.get(0).sendTree(tree, TARGET, "sha256:bench-1-" + r,
                            Progress.NONE));
                }
                report("one host", "openssh-pipe", ssh1, ours1, stats.totalBytes());

                long[] oursN = new long[options.reps()];
                long[] sshN = new long[options.reps()];
                for (int rep = 0; rep < options.reps(); rep++) {
                    clean(bed.hosts());
                    sshN[rep] = time(() -> parallel(bed.hosts().size(), i -> openSshPipe(bed, bed.host(i), tree)));
                    clean(bed.hosts());
                    int r = rep;
                    oursN[rep] = time(() -> parallel(sessions.size(), i -> sessions.get(i).sendTree(tree, TARGET,
                            "sha256:bench-n-" + r, Progress.NONE)));
                }
                report(options.hosts() + " hosts at once", "openssh-pipes", sshN, oursN,
                        stats.totalBytes() * options.hosts());

                TreeTransfer again = sessions.get(0).sendTree(tree, TARGET, "sha256:bench-n-" + (options.reps() - 1),
                        Progress.NONE);
                System.out.printf(Locale.ROOT, "re-send of unchanged content: skipped=%s, %d bytes of file content"
                        + " sent%n", again.skipped(), again.bytes());

                Path small = work.resolve("small");
                int count = copySmallFiles(tree, small, options.sealerFiles());
                clean(bed.hosts().subList(0, 1));
                long sealer = time(() -> new SealerMethod(bed).send(bed.host(0), small, AREA + "/sealer-way"));
                clean(bed.hosts().subList(0, 1));
                long ours = time(() -> sessions.get(0).sendTree(small, AREA + "/ours", "sha256:small",
                        Progress.NONE));
                System.out.printf(Locale.ROOT, "%d small files: sealer's method %.2f s, ours %.2f s%n", count,
                        sealer / 1e9, ours / 1e9);
                System.out.printf(Locale.ROOT, "RATIO sealer-method / sealer-java (small files): %.2fx%n",
                        (double) sealer / ours);
            }
        } finally {
            deleteTree(work);
        }
    }

    private static void report(String what, String other, long[] theirs, long[] ours, long bytes) {
        long theirMedian = median(theirs);
        long ourMedian = median(ours);
        System.out.printf(Locale.ROOT, "%s: %s %.2f s (%.0f MB/s), sealer-java %.2f s (%.0f MB/s) [medians of %d]%n",
                what, other, theirMedian / 1e9, bytes / 1e3 / (theirMedian / 1e6), ourMedian / 1e9,
                bytes / 1e3 / (ourMedian / 1e6), ours.length);
        System.out.printf(Locale.ROOT, "RATIO %s / sealer-java (%s): %.2fx%n", other, what,
                (double) theirMedian / ourMedian);
    }

    private static void openSshPipe(HostBedExtension bed, TestHost host, Path tree) {
        List<String> ssh = bed.ssh().command(host, "mkdir -p " + TARGET + " && tar -C " + TARGET + " -xf -");
        List<String> command = new ArrayList<>(List.of("bash", "-c", "tar -C \"$0\" -cf - . | \"$@\"",
                tree.toString()));
        command.addAll(ssh);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("the OpenSSH pipe to " + host.address() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void clean(List<TestHost> hosts) {
        for (TestHost host : hosts) {
            host.check("rm -rf " + AREA + "/* " + AREA + "/.[!.]*");
        }
    }

    /** A tree like a rootfs: many small files (a quarter of the bytes) and a few large ones. */
    private static TreeStats writeTree(Path root, int sizeMb) throws IOException {
        long total = sizeMb * 1_000_000L;
        long smallBudget = total / 4;
        Random random = new Random(42);
        long smallBytes = 0;
        int smallFiles = 0;
        while (smallBytes < smallBudget) {
            int size = 1_024 + random.nextInt(15 * 1_024);
            Path file = root.resolve("small/d" + (smallFiles % 200) + "/f" + smallFiles + ".bin");
            Files.createDirectories(file.getParent());
            byte[] content = new byte[size];
            random.nextBytes(content);
            Files.write(file, content);
            smallBytes += size;
            smallFiles++;
        }
        int largeFiles = 6;
        long largeSize = (total - smallBytes) / largeFiles;
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < largeFiles; i++) {
            Path file = root.resolve("bin/large-" + i + ".bin");
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                for (long written = 0; written < largeSize; written += chunk.length) {
                    random.nextBytes(chunk);
                    out.write(chunk, 0, (int) Math.min(chunk.length, largeSize - written));
                }
            }
        }
        return new TreeStats(smallFiles, smallBytes, largeFiles, largeSize * largeFiles);
    }

    private static int copySmallFiles(Path tree, Path target, int max) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(tree.resolve("small"))) {
            files = all.filter(Files::isRegularFile).sorted().limit(max).toList();
        }
        for (Path file : files) {
            Path to = target.resolve(tree.relativize(file).toString());
            Files.createDirectories(to.getParent());
            Files.copy(file, to);
        }
        return files.size();
    }

    private static long time(Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }

    private static void parallel(int count, IndexedAction action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    action.run(index);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private interface IndexedAction {
        void run(int index) throws Exception;
    }

    private record TreeStats(int smallFiles, long smallBytes, int largeFiles, long largeBytes) {
        long totalBytes() {
            return smallBytes + largeBytes;
        }
    }

    private record Options(int sizeMb, int hosts, int reps, int sealerFiles, boolean tmpfs) {
        static Options parse(String[] args) {
            int sizeMb = 1024;
            int hosts = 8;
            int reps = 5;
            int sealerFiles = 2000;
            boolean tmpfs = true;
            for (int i = 0; i < args.length; i += 2) {
                if (args[i].equals("--disk")) {
                    tmpfs = false;
                    i--;
                    continue;
                }
                int value = Integer.parseInt(args[i + 1]);
                switch (args[i]) {
                    case "--size-mb" -> sizeMb = value;
                    case "--hosts" -> hosts = value;
                    case "--reps" -> reps = value;
                    case "--sealer-files" -> sealerFiles = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(sizeMb, hosts, reps, sealerFiles, tmpfs);
        }
    }
}
