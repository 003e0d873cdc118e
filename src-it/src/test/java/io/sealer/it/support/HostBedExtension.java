package io.sealer.it.support;

import io.sealer.api.ssh.SshSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A test bed of real hosts for a test class: N network namespaces on a bridge of their own, each running Debian's
 * OpenSSH {@code sshd} with its own host keys and its own files (see {@link TestHost}), in the style of
 * Testcontainers' extensions:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final HostBedExtension BED = HostBedExtension.withHosts(3)
 *         .passwordlessSudoUser("deploy")
 *         .sudoUser("admin", "admin-secret")
 *         .rootPassword("root-secret");
 * }</pre>
 *
 * <p>The hosts are at {@value #SUBNET}.11, .12, ... on port 22; the bridge (the test machine) is {@value #SUBNET}.1;
 * hosts have no route elsewhere. Every client key ({@link #clientKey()}, {@link #clientKey(SshKeyType)},
 * {@link #passphraseKey()}; not {@link #unauthorizedKey()}) logs in as root and as every test user;
 * {@link #knownHostsFile()} holds the hosts' keys. {@link #ssh()} runs the real OpenSSH client against them.
 *
 * <p>Needs root (the test is skipped otherwise); as root, a bed that cannot be set up fails the test with the reason.
 * Everything the bed makes is named {@value #PREFIX}...: namespaces, bridge and veths, and its work directory is
 * {@code sealer-test-bed-*} in {@code java.io.tmpdir}. Whatever a crashed or killed run left of them is deleted when
 * a bed starts; a machine-wide lock ({@code sealer-test-bed.lock} there) keeps two test JVMs from sharing the subnet.
 * In one JVM, one bed runs at a time; teardown happens after the last test, on failures, and at JVM shutdown.
 */
public final class HostBedExtension implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    /** The prefix of every namespace, bridge and veth of the bed. */
    public static final String PREFIX = "sbt-";
    /** The first three octets of the bed's /24. */
    public static final String SUBNET = "10.233.99";
    /** The test machine's address on the bed's bridge. */
    public static final String GATEWAY = SUBNET + ".1";

    static final String WORK_DIR_PREFIX = "sealer-test-bed-";
    private static final int FIRST_HOST_OCTET = 11;
    private static final int MAX_HOSTS = 100;
    private static final Duration LOCK_TIMEOUT = Duration.ofMinutes(5);
    private static final String PASSPHRASE = "sealer-test-passphrase";
    private static final Logger LOG = LoggerFactory.getLogger(HostBedExtension.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicReference<HostBedExtension> ACTIVE = new AtomicReference<>();
    private static volatile Boolean perSourcePenalties;
    private static volatile String lastToken;

    private final int hostCount;
    private final Map<String, TestUser> users = new LinkedHashMap<>();
    private final Set<SshKeyType> hostKeyTypes = EnumSet.of(SshKeyType.ED25519);
    private final List<String> extraSshdConfig = new ArrayList<>();
    private Optional<String> rootPassword = Optional.empty();
    private Boolean passwordAuthentication;
    private boolean pubkeyAuthentication = true;

    private Path workDir;
    private String bridge;
    private FileChannel lockChannel;
    private FileLock lock;
    private Thread shutdownHook;
    private List<TestHost> hosts = List.of();
    private List<ClientKey> clientKeys = List.of();
    private Duration startupTime;

    private HostBedExtension(int hostCount) {
        this.hostCount = hostCount;
    }

    /** A bed of {@code count} hosts (1 to 100), started before the first test and torn down after the last. */
    public static HostBedExtension withHosts(int count) {
        if (count < 1 || count > MAX_HOSTS) {
            throw new IllegalArgumentException("a host bed has 1 to " + MAX_HOSTS + " hosts, not " + count);
        }
        return new HostBedExtension(count);
    }

    // ---- options ----

    /** A user on every host whom {@code sudo} asks for {@code password} (which also logs them in). */
    public HostBedExtension sudoUser(String name, String password) {
        return user(new TestUser(name, Optional.of(password), TestUser.Sudo.WITH_PASSWORD));
    }

    /** A user on every host who logs in with the client keys only and runs anything with {@code sudo -n}. */
    public HostBedExtension passwordlessSudoUser(String name) {
        return user(new TestUser(name, Optional.empty(), TestUser.Sudo.NOPASSWD));
    }

    /** A user on every host who also has a login {@code password} and runs anything with {@code sudo -n}. */
    public HostBedExtension passwordlessSudoUser(String name, String password) {
        return user(new TestUser(name, Optional.of(password), TestUser.Sudo.NOPASSWD));
    }

    /** A user on every host with a login {@code password} and no sudo rights. */
    public HostBedExtension user(String name, String password) {
        return user(new TestUser(name, Optional.of(password), TestUser.Sudo.NONE));
    }

    /** A user on every host. */
    public HostBedExtension user(TestUser user) {
        requireNotStarted();
        if (users.putIfAbsent(user.name(), user) != null) {
            throw new IllegalArgumentException("two test users named " + user.name());
        }
        return this;
    }

    /** Root's password on every host (root has none by default, logging in with keys only). */
    public HostBedExtension rootPassword(String password) {
        requireNotStarted();
        TestUser.checkPassword(password);
        this.rootPassword = Optional.of(password);
        return this;
    }

    /**
     * Whether {@code sshd} accepts passwords ({@code PasswordAuthentication}); by default it does when root or a
     * test user has one.
     */
    public HostBedExtension passwordAuthentication(boolean enabled) {
        requireNotStarted();
        this.passwordAuthentication = enabled;
        return this;
    }

    /** Whether {@code sshd} accepts keys ({@code PubkeyAuthentication}); it does by default. */
    public HostBedExtension pubkeyAuthentication(boolean enabled) {
        requireNotStarted();
        this.pubkeyAuthentication = enabled;
        return this;
    }

    /** The types of the hosts' keys, {@code ed25519} only by default. */
    public HostBedExtension hostKeyTypes(SshKeyType... types) {
        requireNotStarted();
        if (types.length == 0) {
            throw new IllegalArgumentException("a host needs at least one host key");
        }
        hostKeyTypes.clear();
        hostKeyTypes.addAll(List.of(types));
        return this;
    }

    /**
     * A line of every host's {@code sshd_config}, winning over the bed's own settings (sshd takes a keyword's first
     * value), e.g. {@code MaxSessions 2} or {@code PermitRootLogin no}; from a {@code Match} line on, lines go to the
     * end of the file, as {@code Match} blocks must.
     */
    public HostBedExtension sshdConfig(String line) {
        requireNotStarted();
        extraSshdConfig.add(Objects.requireNonNull(line, "line"));
        return this;
    }

    // ---- lifecycle ----

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /**
     * Starts the bed (what {@link #beforeAll} does), for a test that manages a bed itself; {@link #close()} tears it
     * down. Aborts (skips) the calling test unless running as root; fails with the reason if the bed cannot be set up.
     */
    public synchronized void start() {
        Assumptions.assumeTrue(runningAsRoot(), "the host bed needs root (network namespaces, mounts): skipped");
        requireNotStarted();
        requireTools();
        if (!ACTIVE.compareAndSet(null, this)) {
            throw new IllegalStateException("another host bed runs in this JVM; close it first");
        }
        Instant began = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(hostCount + 2, 8), runnable -> {
            Thread thread = new Thread(runnable, "host-bed");
            thread.setDaemon(true);
            return thread;
        });
        List<CompletableFuture<?>> started = new ArrayList<>();
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
            requireUsableTmp(tmp);
            acquireLock(tmp);
            deleteLeftovers(tmp);
            shutdownHook = new Thread(this::closeQuietly, "host-bed-teardown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            workDir = Files.createTempDirectory(tmp, WORK_DIR_PREFIX);
            Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwx------"));
            String token = newToken();
            bridge = PREFIX + token + "-br";
            List<TestHost> created = new ArrayList<>();
            for (int i = 0; i < hostCount; i++) {
                String name = PREFIX + token + "-h" + (i + 1);
                created.add(new TestHost(this, i, name, PREFIX + token + "-v" + (i + 1),
                        SUBNET + "." + (FIRST_HOST_OCTET + i), workDir.resolve("hosts").resolve(name)));
            }
            hosts = List.copyOf(created);
            sshdKnowsPerSourcePenalties();

            CompletableFuture<List<ClientKey>> keys = CompletableFuture.supplyAsync(this::generateClientKeys, pool);
            started.add(keys);
            BedCommands.check(List.of("ip", "link", "add", bridge, "type", "bridge"));
            BedCommands.check(List.of("ip", "addr", "add", GATEWAY + "/24", "dev", bridge));
            BedCommands.check(List.of("ip", "link", "set", bridge, "up"));
            List<CompletableFuture<Void>> ups = new ArrayList<>();
            for (TestHost host : hosts) {
                ups.add(CompletableFuture.runAsync(() -> {
                    try {
                        host.prepareFiles();
                        host.createNetwork(bridge);
                        host.startAnchor();
                        host.provision(keys.join(), rootPassword, users());
                        host.startSshd();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, pool));
            }
            started.addAll(ups);
            CompletableFuture.allOf(ups.toArray(CompletableFuture[]::new)).join();
            clientKeys = keys.join();
            writeKnownHosts();
            startupTime = Duration.between(began, Instant.now());
            LOG.info("host bed: {} host(s) up in {} ms ({})", hostCount, startupTime.toMillis(), hosts);
        } catch (Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            // the other hosts' set-up runs on: let it end before tearing down, or it would re-create what goes
            for (CompletableFuture<?> future : started) {
                try {
                    future.get(2, TimeUnit.MINUTES);
                } catch (Exception ignored) {
                    // its failure, if any, is the same story or a consequence
                }
            }
            try {
                close();
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
            if (cause instanceof Error error) {
                throw error;
            }
            IllegalStateException reported = new IllegalStateException("cannot set up the host bed (it needs root"
                    + " with CAP_NET_ADMIN and CAP_SYS_ADMIN, and the Debian packages .ci/test.sh installs): "
                    + cause.getMessage(), cause);
            throw reported;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Tears the bed down (what {@link #afterAll} does): kills every process of the hosts, deletes the namespaces,
     * veths and bridge, and the work directory. Safe to call more than once.
     */
    @Override
    public synchronized void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (TestHost host : hosts) {
            try {
                host.destroy();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (bridge != null) {
            Processes.Result result = BedCommands.run(List.of("ip", "link", "del", bridge));
            if (result.exitCode() != 0 && !result.stderr().contains("Cannot find device")) {
                failures.add(new IllegalStateException("cannot delete bridge " + bridge + ": "
                        + result.stderr().strip()));
            }
        }
        if (workDir != null) {
            try {
                deleteTree(workDir);
            } catch (IOException | UncheckedIOException e) {
                failures.add(new IllegalStateException("cannot delete " + workDir, e));
            }
        }
        releaseLock();
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already
            }
        }
        shutdownHook = null;
        hosts = List.of();
        clientKeys = List.of();
        bridge = null;
        workDir = null;
        ACTIVE.compareAndSet(this, null);
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    // ---- accessors ----

    /** The hosts, in address order. */
    public List<TestHost> hosts() {
        requireStarted();
        return hosts;
    }

    /** The host at {@code index}, from 0. */
    public TestHost host(int index) {
        return hosts().get(index);
    }

    /** The default client key, {@code ed25519}, without passphrase. */
    public ClientKey clientKey() {
        return clientKey(SshKeyType.ED25519);
    }

    /** The authorized client key of this type without passphrase. */
    public ClientKey clientKey(SshKeyType type) {
        return clientKeys().stream().filter(key -> key.type() == type && key.passphrase().isEmpty() && key.authorized())
                .findFirst().orElseThrow();
    }

    /** An authorized {@code ed25519} client key protected by a passphrase ({@link ClientKey#passphrase()}). */
    public ClientKey passphraseKey() {
        return clientKeys().stream().filter(key -> key.passphrase().isPresent()).findFirst().orElseThrow();
    }

    /** An {@code ed25519} client key that no host accepts. */
    public ClientKey unauthorizedKey() {
        return clientKeys().stream().filter(key -> !key.authorized()).findFirst().orElseThrow();
    }

    /** Every client key the bed made. */
    public List<ClientKey> clientKeys() {
        requireStarted();
        return clientKeys;
    }

    /** A {@code known_hosts} file with every host's current keys (rewritten by {@link TestHost#changeHostKey()}). */
    public Path knownHostsFile() {
        requireStarted();
        return workDir.resolve("known_hosts");
    }

    /** The content of {@link #knownHostsFile()}: one line per host key, as {@code ssh-keyscan} writes them. */
    public String knownHosts() {
        StringBuilder content = new StringBuilder();
        for (TestHost host : hosts()) {
            for (String line : host.knownHostsLines()) {
                content.append(line).append('\n');
            }
        }
        return content.toString();
    }

    /** Root's password on the hosts, if set. */
    public Optional<String> rootPassword() {
        return rootPassword;
    }

    /** The test users on every host. */
    public List<TestUser> users() {
        return List.copyOf(users.values());
    }

    /** The test user with this name. */
    public TestUser user(String name) {
        TestUser user = users.get(name);
        if (user == null) {
            throw new IllegalArgumentException("no test user " + name + " in this bed; there are " + users.keySet());
        }
        return user;
    }

    /** The bed's directory on the test machine (keys, {@code known_hosts}, one directory per host). */
    public Path workDir() {
        requireStarted();
        return workDir;
    }

    /** How long {@link #start()} took. */
    public Duration startupTime() {
        requireStarted();
        return startupTime;
    }

    /** The real OpenSSH client, as root with {@link #clientKey()} and {@link #knownHostsFile()}. */
    public OpenSshClient ssh() {
        requireStarted();
        return new OpenSshClient(this);
    }

    /**
     * SSH settings for these hosts: strict host keys from {@link #knownHostsFile()}, {@link #clientKey()} as the
     * identity, short timeouts.
     */
    public SshSettings.Builder sshSettings() {
        return SshSettings.builder().knownHosts(knownHostsFile()).identityFiles(List.of(clientKey().privateKey()))
                .connectTimeout(Duration.ofSeconds(5)).authTimeout(Duration.ofSeconds(10));
    }

    /** Whether this JVM runs as root, which the bed needs. */
    public static boolean runningAsRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    // ---- used by TestHost ----

    Set<SshKeyType> hostKeyTypes() {
        return hostKeyTypes;
    }

    List<String> extraSshdConfig() {
        return extraSshdConfig;
    }

    boolean pubkeyAuthentication() {
        return pubkeyAuthentication;
    }

    boolean passwordAuthentication() {
        if (passwordAuthentication != null) {
            return passwordAuthentication;
        }
        return rootPassword.isPresent() || users.values().stream().anyMatch(user -> user.password().isPresent());
    }

    synchronized void writeKnownHosts() {
        try {
            Files.writeString(workDir.resolve("known_hosts"), knownHosts());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether this {@code sshd} knows {@code PerSourcePenalties} (OpenSSH 9.8+), asked once per JVM. */
    boolean sshdKnowsPerSourcePenalties() {
        Boolean known = perSourcePenalties;
        if (known == null) {
            Processes.Result result = BedCommands.run(List.of("/usr/sbin/sshd", "-t", "-f", "/dev/null", "-o",
                    "PerSourcePenalties=no", "-o", "HostKey=/dev/null"));
            known = !result.stderr().contains("PerSourcePenalties");
            perSourcePenalties = known;
        }
        return known;
    }

    /** The process ids in network namespace {@code namespace}; none if it does not exist. */
    static List<Long> namespacePids(String namespace) {
        Processes.Result result = BedCommands.run(List.of("ip", "netns", "pids", namespace));
        if (result.exitCode() != 0) {
            return List.of();
        }
        return result.stdoutText().lines().map(String::strip).filter(line -> !line.isEmpty()).map(Long::valueOf)
                .toList();
    }

    // ---- helpers ----

    private List<ClientKey> generateClientKeys() {
        Path keys = workDir.resolve("keys");
        try {
            Files.createDirectories(keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<CompletableFuture<ClientKey>> made = new ArrayList<>();
        made.add(CompletableFuture.supplyAsync(() -> clientKey(keys, SshKeyType.RSA, "id_rsa", null, true)));
        made.add(CompletableFuture.completedFuture(clientKey(keys, SshKeyType.ED25519, "id_ed25519", null, true)));
        made.add(CompletableFuture.completedFuture(clientKey(keys, SshKeyType.ECDSA, "id_ecdsa", null, true)));
        made.add(CompletableFuture.completedFuture(
                clientKey(keys, SshKeyType.ED25519, "id_ed25519_passphrase", PASSPHRASE, true)));
        made.add(CompletableFuture.completedFuture(
                clientKey(keys, SshKeyType.ED25519, "id_ed25519_unauthorized", null, false)));
        return made.stream().map(CompletableFuture::join).toList();
    }

    private static ClientKey clientKey(Path dir, SshKeyType type, String fileName, String passphrase,
            boolean authorized) {
        Path key = dir.resolve(fileName);
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q"));
        command.addAll(type.keygenArguments());
        command.addAll(List.of("-N", passphrase == null ? "" : passphrase, "-C", "sealer-test-" + fileName, "-f",
                key.toString()));
        BedCommands.check(command);
        return new ClientKey(type, key, dir.resolve(fileName + ".pub"), Optional.ofNullable(passphrase), authorized);
    }

    private void acquireLock(Path tmp) throws IOException {
        lockChannel = FileChannel.open(tmp.resolve("sealer-test-bed.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        Instant deadline = Instant.now().plus(LOCK_TIMEOUT);
        boolean told = false;
        while ((lock = lockChannel.tryLock()) == null) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("another test run held " + tmp.resolve("sealer-test-bed.lock")
                        + " for " + LOCK_TIMEOUT + " (a host bed in another JVM)");
            }
            if (!told) {
                LOG.info("host bed: waiting for another test JVM's host bed to finish");
                told = true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the host bed lock", e);
            }
        }
    }

    private void releaseLock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // closing the channel releases the lock anyway
        } finally {
            lock = null;
            lockChannel = null;
        }
    }

    /**
     * Deletes what an earlier bed left (a crashed or killed run): its processes, namespaces, links and work
     * directories. Runs under the machine-wide lock, so nothing of a live bed is touched.
     */
    private static void deleteLeftovers(Path tmp) throws IOException {
        List<String> left = new ArrayList<>();
        for (String line : BedCommands.check(List.of("ip", "netns", "list")).stdoutText().lines().toList()) {
            String namespace = line.split("\\s+")[0];
            if (namespace.startsWith(PREFIX)) {
                for (long pid : namespacePids(namespace)) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
                left.add("namespace " + namespace);
            }
        }
        for (String line : BedCommands.check(List.of("ip", "-o", "link", "show")).stdoutText().lines().toList()) {
            String[] fields = line.split(":\\s+", 3);
            if (fields.length >= 2) {
                String link = fields[1].split("@")[0].strip();
                if (link.startsWith(PREFIX)) {
                    BedCommands.run(List.of("ip", "link", "del", link));
                    left.add("link " + link);
                }
            }
        }
        for (String entry : left) {
            if (entry.startsWith("namespace ")) {
                String namespace = entry.substring("namespace ".length());
                awaitNoProcesses(namespace);
                BedCommands.check(List.of("ip", "netns", "del", namespace));
            }
        }
        try (Stream<Path> entries = Files.list(tmp)) {
            for (Path entry : entries.filter(path -> path.getFileName().toString().startsWith(WORK_DIR_PREFIX)
                    && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)).toList()) {
                deleteTree(entry);
                left.add("directory " + entry);
            }
        }
        if (!left.isEmpty()) {
            LOG.info("host bed: deleted what an earlier run left: {}", left);
        }
    }

    private static void awaitNoProcesses(String namespace) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!namespacePids(namespace).isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("processes in leftover namespace " + namespace + " outlived SIGKILL: "
                        + namespacePids(namespace));
            }
            namespacePids(namespace).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static void requireTools() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("/usr/sbin/sshd", "ssh", "ssh-keygen", "ip", "unshare", "nsenter", "useradd",
                "chpasswd", "sudo")) {
            if (tool.startsWith("/") ? !Files.isExecutable(Path.of(tool)) : !onPath(tool)) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the host bed needs " + missing
                    + " (Debian packages openssh-server, openssh-client, iproute2, util-linux, passwd, sudo; "
                    + ".ci/test.sh installs them)");
        }
    }

    private static boolean onPath(String tool) {
        return Stream.of(BedCommands.PATH.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    private static void requireUsableTmp(Path tmp) {
        for (String dir : Stream.concat(TestHost.OVERLAID_DIRECTORIES.stream(),
                TestHost.PRIVATE_DIRECTORIES.stream()).toList()) {
            if (tmp.startsWith(dir) && !dir.equals("/tmp")) {
                throw new IllegalStateException("the host bed's files cannot live in java.io.tmpdir=" + tmp
                        + ": hosts mount their own " + dir + " over it");
            }
        }
    }

    /** Four hex digits, never the previous bed's in this JVM, so that each bed's names differ. */
    private static String newToken() {
        String token;
        do {
            token = String.format("%04x", RANDOM.nextInt(0x10000));
        } while (token.equals(lastToken));
        lastToken = token;
        return token;
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("host bed teardown at JVM exit failed: " + e);
        }
    }

    private void requireNotStarted() {
        if (workDir != null) {
            throw new IllegalStateException("the host bed is running; configure it before it starts");
        }
    }

    private void requireStarted() {
        if (hosts.isEmpty()) {
            throw new IllegalStateException("the host bed runs between beforeAll and afterAll (or start and close)");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
