package io.sealer.it.support;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One host of a {@link HostBedExtension}: a network namespace with its own address, running Debian's OpenSSH
 * {@code sshd} on port 22 in a mount namespace of its own, where the places an install writes are the host's own
 * directories on the test machine (see {@link #path(String)}) and the rest of the root file system is read-only.
 *
 * <p>Inside the host, {@code /etc}, {@code /usr} and {@code /var} are overlays over the test machine's (what the host
 * changes lands in its own upper directory), {@link #PRIVATE_DIRECTORIES} are empty directories of its own,
 * {@code /etc/hosts} and {@code /etc/hostname} are its own files, {@code /run} and {@code /dev/shm} are its own
 * tmpfs, and everything else is the test machine's, mounted read-only. Its host name (UTS namespace) is
 * {@link #name()}.
 */
public final class TestHost {
    /** The port {@code sshd} listens on in every host. */
    public static final int SSH_PORT = 22;

    /**
     * Places an install writes; each host has its own empty directory there, inspectable via {@link #path}. Not
     * {@code /etc/cni}: sealer's reset removes that directory itself, which a mount point would refuse (EBUSY); it
     * is the host's own anyway, in the overlay over {@code /etc}.
     */
    public static final List<String> PRIVATE_DIRECTORIES = List.of(
            "/etc/ssh", "/etc/kubernetes", "/etc/systemd/system", "/etc/sysctl.d", "/etc/modules-load.d",
            "/etc/containerd", "/etc/docker", "/var/lib/sealer", "/var/lib/kubelet", "/var/lib/etcd",
            "/var/lib/containerd", "/var/lib/docker", "/usr/local/bin", "/root", "/home", "/opt", "/tmp");

    /** Directories overlaid over the test machine's, the host's changes landing in its own upper directory. */
    static final List<String> OVERLAID_DIRECTORIES = List.of("/etc", "/usr", "/var");

    private static final List<String> PRIVATE_FILES = List.of("/etc/hosts", "/etc/hostname");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final String SSHD = "/usr/sbin/sshd";
    private static final String SSHD_CONFIG = "/etc/ssh/sshd_config";

    private final HostBedExtension bed;
    private final int index;
    private final String name;
    private final String namespace;
    private final String veth;
    private final String address;
    private final Path dir;
    private Process anchor;
    private Process sshd;

    TestHost(HostBedExtension bed, int index, String name, String veth, String address, Path dir) {
        this.bed = bed;
        this.index = index;
        this.name = name;
        this.namespace = name;
        this.veth = veth;
        this.address = address;
        this.dir = dir;
    }

    /** Its position in {@link HostBedExtension#hosts()}, from 0. */
    public int index() {
        return index;
    }

    /** Its host name (what {@code hostname} prints there), also its network namespace's name. */
    public String name() {
        return name;
    }

    /** Its IPv4 address in the bed's /24. */
    public String address() {
        return address;
    }

    /** {@value #SSH_PORT}. */
    public int port() {
        return SSH_PORT;
    }

    /** Its address and SSH port. */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, SSH_PORT);
    }

    /** Its network namespace ({@code ip netns exec <namespace> ...}). */
    public String namespace() {
        return namespace;
    }

    /**
     * The host's own files on the test machine: {@code root().resolve("var/lib/sealer")} is what the host sees as
     * {@code /var/lib/sealer}, for each of {@link #PRIVATE_DIRECTORIES} and {@code etc/hosts}, {@code etc/hostname}.
     */
    public Path root() {
        return dir.resolve("root");
    }

    /**
     * Where a path of the host is on the test machine, to check what was written there: under {@link #root()} for
     * {@link #PRIVATE_DIRECTORIES}, {@code /etc/hosts} and {@code /etc/hostname}; elsewhere under {@code /etc},
     * {@code /usr} or {@code /var}, the overlay's upper directory, which holds only what the host created or changed
     * (a file the host deleted shows as a character device there).
     *
     * @throws IllegalArgumentException for a path that is not the host's own (read-only there)
     */
    public Path path(String absolutePath) {
        if (!absolutePath.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + absolutePath);
        }
        String path = Path.of(absolutePath).normalize().toString();
        for (String own : PRIVATE_FILES) {
            if (path.equals(own)) {
                return root().resolve(path.substring(1));
            }
        }
        for (String own : PRIVATE_DIRECTORIES) {
            if (path.equals(own) || path.startsWith(own + "/")) {
                return root().resolve(path.substring(1));
            }
        }
        for (String overlaid : OVERLAID_DIRECTORIES) {
            if (path.equals(overlaid) || path.startsWith(overlaid + "/")) {
                return overlayUpper(overlaid).resolve(path.substring(overlaid.length()).replaceFirst("^/", ""));
            }
        }
        throw new IllegalArgumentException(absolutePath + " is the test machine's (read-only on the host), not "
                + name + "'s own");
    }

    /** The {@code known_hosts} lines for this host's current host keys, as {@code ssh-keyscan} writes them. */
    public List<String> knownHostsLines() {
        List<String> lines = new ArrayList<>();
        for (SshKeyType type : bed.hostKeyTypes()) {
            String[] parts = readString(hostKey(type).resolveSibling(hostKey(type).getFileName() + ".pub"))
                    .strip().split("\\s+");
            lines.add(address + " " + parts[0] + " " + parts[1]);
        }
        return lines;
    }

    /** What {@code sshd -e} wrote (all of its runs on this host). */
    public Path sshdLog() {
        return dir.resolve("sshd.log");
    }

    /** Whether its {@code sshd} is running. */
    public synchronized boolean sshdRunning() {
        return sshd != null && sshd.isAlive();
    }

    /**
     * Starts {@code sshd} and waits until it answers with its SSH banner.
     *
     * @throws IllegalStateException if it is running, or exits or does not answer in time (with its log)
     */
    public synchronized void startSshd() {
        requireAnchor();
        if (sshdRunning()) {
            throw new IllegalStateException("sshd already runs on " + name);
        }
        List<String> command = List.of("nsenter", "-t", Long.toString(anchor.pid()), "-m", "-u", "-n", "--wd=/",
                "--", SSHD, "-D", "-e", "-f", SSHD_CONFIG);
        ProcessBuilder builder = new ProcessBuilder(BedCommands.resolved(command)).directory(new File("/"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(sshdLog().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().put("PATH", BedCommands.PATH);
        try {
            sshd = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start sshd on " + name, e);
        }
        awaitBanner();
    }

    /**
     * Stops {@code sshd} with SIGTERM, as {@code systemctl stop ssh} does on Debian: nothing listens any more, and
     * open sessions go on.
     */
    public synchronized void stopSshd() {
        if (!sshdRunning()) {
            throw new IllegalStateException("sshd does not run on " + name);
        }
        sshd.destroy();
        try {
            if (!sshd.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                sshd.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted stopping sshd on " + name, e);
        }
    }

    /** {@link #stopSshd()} (when it runs), then {@link #startSshd()}: new connections see its current config and keys. */
    public synchronized void restartSshd() {
        if (sshdRunning()) {
            stopSshd();
        }
        startSshd();
    }

    /**
     * Kills {@code sshd} and every session and command on the host with SIGKILL, as a crash would: open connections
     * break at once (for interrupted-transfer tests). {@link #startSshd()} brings it back with the same files.
     */
    public synchronized void killSshd() {
        requireAnchor();
        killProcessesInNamespace(anchor.pid());
        if (sshd != null) {
            sshd.destroyForcibly();
            waitForExit(sshd);
        }
    }

    /**
     * Replaces the host keys with new ones of the same types and restarts {@code sshd} (when it ran), so a client
     * holding the old {@code known_hosts} lines sees a changed host key. {@link HostBedExtension#knownHostsFile()}
     * is rewritten with the new keys.
     */
    public synchronized void changeHostKey() {
        boolean running = sshdRunning();
        if (running) {
            stopSshd();
        }
        for (SshKeyType type : bed.hostKeyTypes()) {
            generateHostKey(type);
        }
        bed.writeKnownHosts();
        if (running) {
            startSshd();
        }
    }

    /**
     * Runs {@code sh -c shellCommand} as root on the host without SSH (in its network, mount and UTS namespaces,
     * with a plain environment and {@code /root} as working directory); returns its result whatever its exit code.
     */
    public Processes.Result run(String shellCommand) {
        return run(shellCommand, null);
    }

    /** {@link #run(String)} with {@code stdin} as its standard input. */
    public Processes.Result run(String shellCommand, String stdin) {
        Process holder = requireAnchor();
        List<String> command = List.of("nsenter", "-t", Long.toString(holder.pid()), "-m", "-u", "-n", "--wd=/root",
                "--", "sh", "-c", shellCommand);
        return BedCommands.run(command, stdin, Map.of("PATH", BedCommands.PATH, "HOME", "/root", "LANG", "C.UTF-8",
                "USER", "root", "LOGNAME", "root"), BedCommands.DEFAULT_TIMEOUT);
    }

    /** {@link #run(String)} that fails with the command's stderr unless it exits 0. */
    public Processes.Result check(String shellCommand) {
        return BedCommands.checked(List.of(name + ": " + shellCommand), run(shellCommand));
    }

    @Override
    public String toString() {
        return "TestHost[" + name + ", " + address + "]";
    }

    // ---- set-up and tear-down, driven by HostBedExtension ----

    /** Makes its directories, host keys and sshd_config. */
    void prepareFiles() throws IOException {
        Path root = root();
        for (String own : PRIVATE_DIRECTORIES) {
            Files.createDirectories(root.resolve(own.substring(1)));
        }
        Files.setPosixFilePermissions(root.resolve("root"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(root.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Path rootSsh = Files.createDirectories(root.resolve("root/.ssh"));
        Files.setPosixFilePermissions(rootSsh, PosixFilePermissions.fromString("rwx------"));
        for (String overlaid : OVERLAID_DIRECTORIES) {
            Files.createDirectories(overlayUpper(overlaid));
            Files.createDirectories(overlayWork(overlaid));
        }
        String machineHosts = Files.isReadable(Path.of("/etc/hosts")) ? Files.readString(Path.of("/etc/hosts")) : "";
        if (!machineHosts.isEmpty() && !machineHosts.endsWith("\n")) {
            machineHosts += "\n";
        }
        Files.writeString(root.resolve("etc/hosts"), machineHosts + address + " " + name + "\n");
        Files.writeString(root.resolve("etc/hostname"), name + "\n");
        Path etcSsh = root.resolve("etc/ssh");
        for (String shared : List.of("moduli", "ssh_config")) {
            Path source = Path.of("/etc/ssh", shared);
            if (Files.isRegularFile(source)) {
                Files.copy(source, etcSsh.resolve(shared));
            }
        }
        for (SshKeyType type : bed.hostKeyTypes()) {
            generateHostKey(type);
        }
        Files.writeString(etcSsh.resolve("sshd_config"), sshdConfig());
    }

    /** Adds its network namespace and its veth pair, the host end ({@code eth0}) in the namespace. */
    void createNetwork(String bridge) {
        String batch = "netns add " + namespace + "\n"
                + "link add " + veth + " type veth peer name eth0 netns " + namespace + "\n"
                + "link set " + veth + " master " + bridge + " up\n";
        BedCommands.checked(List.of("ip -batch -", batch),
                BedCommands.run(List.of("ip", "-batch", "-"), batch, null, BedCommands.DEFAULT_TIMEOUT));
    }

    /**
     * Starts the process that holds the host's namespaces: it sets up the address and the mounts, then sleeps; every
     * later command and {@code sshd} enter its namespaces.
     */
    synchronized void startAnchor() {
        List<String> command = List.of("ip", "netns", "exec", namespace, "unshare", "--mount", "--uts",
                "--propagation", "private", "sh", "-c", anchorScript());
        ProcessBuilder builder = new ProcessBuilder(BedCommands.resolved(command)).directory(new File("/"))
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("anchor.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().put("PATH", BedCommands.PATH);
        try {
            anchor = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the namespace holder of " + name, e);
        }
        InputStream out = anchor.getInputStream();
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> readLine(out));
        String first;
        try {
            first = line.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            first = "(nothing within " + READY_TIMEOUT + ")";
        } catch (ExecutionException | InterruptedException e) {
            first = "(" + e + ")";
        }
        if (!"ready".equals(first)) {
            anchor.destroyForcibly();
            waitForExit(anchor);
            throw new IllegalStateException("cannot set up host " + name + " (namespaces, address, mounts): "
                    + first + "; " + readString(dir.resolve("anchor.log")).strip());
        }
    }

    /** Writes root's {@code authorized_keys}, sets passwords, creates the test users and their sudo rules. */
    void provision(List<ClientKey> clientKeys, Optional<String> rootPassword, List<TestUser> users)
            throws IOException {
        StringBuilder authorized = new StringBuilder();
        for (ClientKey key : clientKeys) {
            if (key.authorized()) {
                authorized.append(key.publicKeyLine()).append('\n');
            }
        }
        Path authorizedKeys = root().resolve("root/.ssh/authorized_keys");
        Files.writeString(authorizedKeys, authorized);
        Files.setPosixFilePermissions(authorizedKeys, PosixFilePermissions.fromString("rw-------"));

        StringBuilder script = new StringBuilder("set -eu\n");
        StringBuilder passwords = new StringBuilder();
        // '*' (not '!'): no password works, yet sshd (without PAM) does not take the account for locked
        script.append("usermod -p '*' root\n");
        rootPassword.ifPresent(password -> passwords.append("root:").append(password).append('\n'));
        for (TestUser user : users) {
            String quoted = BedCommands.shellQuote(user.name());
            script.append("useradd -m -s /bin/bash -p '*' ").append(quoted).append('\n')
                    .append("install -d -m 700 -o ").append(quoted).append(" -g ").append(quoted).append(' ')
                    .append(BedCommands.shellQuote(user.home() + "/.ssh")).append('\n')
                    .append("install -m 600 -o ").append(quoted).append(" -g ").append(quoted)
                    .append(" /root/.ssh/authorized_keys ")
                    .append(BedCommands.shellQuote(user.home() + "/.ssh/authorized_keys")).append('\n');
            String rule = switch (user.sudo()) {
                case NONE -> null;
                case WITH_PASSWORD -> user.name() + " ALL=(ALL:ALL) ALL";
                case NOPASSWD -> user.name() + " ALL=(ALL:ALL) NOPASSWD:ALL";
            };
            if (rule != null) {
                String file = BedCommands.shellQuote("/etc/sudoers.d/sealer-test-" + user.name());
                script.append("printf '%s\\n' ").append(BedCommands.shellQuote(rule)).append(" > ").append(file)
                        .append('\n').append("chmod 440 ").append(file).append('\n');
            }
            user.password().ifPresent(password -> passwords.append(user.name()).append(':').append(password)
                    .append('\n'));
        }
        if (!passwords.isEmpty()) {
            script.append("chpasswd\n");
        }
        Processes.Result result = run(script.toString(), passwords.toString());
        if (result.exitCode() != 0) {
            throw new IllegalStateException("cannot create the users and passwords of " + name + ": "
                    + result.stderr().strip());
        }
    }

    /** Kills every process of the host, deletes its veth pair and its network namespace. Safe to call again. */
    synchronized void destroy() {
        List<RuntimeException> failures = new ArrayList<>();
        try {
            killProcessesInNamespace(-1);
        } catch (RuntimeException e) {
            failures.add(e);
        }
        for (Process process : new Process[] {sshd, anchor}) {
            if (process != null) {
                process.destroyForcibly();
                waitForExit(process);
            }
        }
        anchor = null;
        sshd = null;
        deleteIgnoringAbsent(List.of("ip", "link", "del", veth), failures);
        deleteIgnoringAbsent(List.of("ip", "netns", "del", namespace), failures);
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    // ---- helpers ----

    private String sshdConfig() {
        List<String> extra = bed.extraSshdConfig();
        int match = 0;
        while (match < extra.size() && !extra.get(match).strip().regionMatches(true, 0, "Match ", 0, 6)) {
            match++;
        }
        StringBuilder config = new StringBuilder()
                .append("# written by the test bed (HostBedExtension) for host ").append(name).append('\n');
        // sshd takes a keyword's first value: the test's own lines come first
        for (String line : extra.subList(0, match)) {
            config.append(line).append('\n');
        }
        config.append("Port ").append(SSH_PORT).append('\n')
                .append("AddressFamily inet\n")
                .append("ListenAddress 0.0.0.0\n");
        for (SshKeyType type : bed.hostKeyTypes()) {
            config.append("HostKey /etc/ssh/").append(hostKey(type).getFileName()).append('\n');
        }
        config.append("PidFile none\n")
                .append("PermitRootLogin yes\n")
                .append("UsePAM no\n")
                .append("PubkeyAuthentication ").append(bed.pubkeyAuthentication() ? "yes" : "no").append('\n')
                .append("AuthorizedKeysFile .ssh/authorized_keys\n")
                .append("PasswordAuthentication ").append(bed.passwordAuthentication() ? "yes" : "no").append('\n')
                .append("PermitEmptyPasswords no\n")
                .append("KbdInteractiveAuthentication no\n")
                .append("StrictModes yes\n")
                .append("MaxStartups 100:30:200\n")
                .append("MaxSessions 64\n")
                .append("PrintMotd no\n")
                .append("AcceptEnv LANG LC_*\n")
                .append("LogLevel VERBOSE\n")
                .append("Subsystem sftp /usr/lib/openssh/sftp-server\n");
        if (bed.sshdKnowsPerSourcePenalties()) {
            // OpenSSH 9.8+ would block the test machine's address after a few refused logins
            config.append("PerSourcePenalties no\n");
        }
        for (String line : extra.subList(match, extra.size())) {
            config.append(line).append('\n');
        }
        return config.toString();
    }

    private String anchorScript() {
        Path work = dir.toAbsolutePath();
        StringBuilder script = new StringBuilder("set -eu\n")
                .append("ip addr add ").append(address).append("/24 dev eth0\n")
                .append("ip link set eth0 up\n")
                .append("ip link set lo up\n")
                // the host's own directory stays writable when the root file system becomes read-only
                .append("mount --bind ").append(q(work)).append(' ').append(q(work)).append('\n')
                .append("mount -o remount,bind,ro /\n");
        for (String overlaid : OVERLAID_DIRECTORIES) {
            script.append("mount -t overlay sealer-test-bed -o ")
                    .append(q("lowerdir=" + overlaid + ",upperdir=" + overlayUpper(overlaid) + ",workdir="
                            + overlayWork(overlaid)))
                    .append(' ').append(overlaid).append('\n');
        }
        script.append("mount -t tmpfs -o mode=755,size=64m sealer-test-bed /run\n")
                .append("mkdir -p /run/sshd /run/lock\n")
                .append("chmod 1777 /run/lock\n")
                .append("mount -t tmpfs -o mode=1777,size=64m sealer-test-bed /dev/shm\n");
        // parents before children; a directory holding the bed's own files (/tmp) last, as it hides them
        List<String> binds = new ArrayList<>(PRIVATE_DIRECTORIES);
        binds.sort(Comparator.comparing((String target) -> work.startsWith(target)).thenComparing(target -> target));
        List<String> files = new ArrayList<>(PRIVATE_FILES);
        for (String target : binds) {
            if (work.startsWith(target)) {
                for (String file : files) {
                    appendBind(script, file);
                }
                files.clear();
            }
            script.append("mkdir -p ").append(target).append('\n');
            appendBind(script, target);
        }
        for (String file : files) {
            appendBind(script, file);
        }
        script.append("hostname ").append(q(name)).append('\n')
                .append("echo ready\n")
                .append("exec sleep infinity\n");
        return script.toString();
    }

    private void appendBind(StringBuilder script, String target) {
        script.append("mount --bind ").append(q(root().resolve(target.substring(1)).toAbsolutePath())).append(' ')
                .append(target).append('\n');
    }

    private static String q(Object value) {
        return BedCommands.shellQuote(value.toString());
    }

    private Path overlayUpper(String overlaid) {
        return dir.resolve("overlay").resolve(overlaid.substring(1)).resolve("upper");
    }

    private Path overlayWork(String overlaid) {
        return dir.resolve("overlay").resolve(overlaid.substring(1)).resolve("work");
    }

    private Path hostKey(SshKeyType type) {
        return root().resolve("etc/ssh/ssh_host_" + type.keygenName() + "_key");
    }

    private void generateHostKey(SshKeyType type) {
        Path key = hostKey(type);
        try {
            Files.deleteIfExists(key);
            Files.deleteIfExists(key.resolveSibling(key.getFileName() + ".pub"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q"));
        command.addAll(type.keygenArguments());
        command.addAll(List.of("-N", "", "-C", "root@" + name, "-f", key.toString()));
        BedCommands.check(command);
    }

    private void awaitBanner() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        InetSocketAddress target = socketAddress();
        while (true) {
            if (!sshd.isAlive()) {
                throw new IllegalStateException("sshd on " + name + " exited with " + sshd.exitValue() + ": "
                        + tail(sshdLog()));
            }
            try (Socket socket = new Socket()) {
                socket.connect(target, 250);
                socket.setSoTimeout(2000);
                byte[] banner = socket.getInputStream().readNBytes(4);
                if (new String(banner, StandardCharsets.US_ASCII).equals("SSH-")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("sshd on " + name + " (" + target + ") did not answer within "
                        + READY_TIMEOUT + ": " + tail(sshdLog()));
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for sshd on " + name, e);
            }
        }
    }

    /** SIGKILLs every process in the namespace but {@code sparePid}, and waits until they are gone. */
    private void killProcessesInNamespace(long sparePid) {
        Instant deadline = Instant.now().plus(STOP_TIMEOUT);
        while (true) {
            List<Long> pids = HostBedExtension.namespacePids(namespace).stream().filter(pid -> pid != sparePid)
                    .toList();
            if (pids.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("processes " + pids + " of host " + name + " outlived SIGKILL");
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted killing the processes of " + name, e);
            }
        }
    }

    /** Fails unless the host is up: its address means nothing (and must not be sent to) once the bed is gone. */
    void requireUp() {
        requireAnchor();
    }

    private synchronized Process requireAnchor() {
        if (anchor == null || !anchor.isAlive()) {
            throw new IllegalStateException("host " + name + " is not up");
        }
        return anchor;
    }

    private static void waitForExit(Process process) {
        try {
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteIgnoringAbsent(List<String> command, List<RuntimeException> failures) {
        Processes.Result result = BedCommands.run(command);
        String error = result.stderr();
        if (result.exitCode() != 0 && !error.contains("Cannot find device") && !error.contains("No such file")
                && !error.contains("does not exist")) {
            failures.add(new IllegalStateException(command + " exited " + result.exitCode() + ": " + error.strip()));
        }
    }

    private static String readLine(InputStream in) {
        StringBuilder line = new StringBuilder();
        try {
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
        } catch (IOException e) {
            return "(" + e + ")";
        }
        return line.toString();
    }

    private static String readString(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file) {
        String text = readString(file).strip();
        return text.length() > 2000 ? "..." + text.substring(text.length() - 2000) : text;
    }
}
