package io.sealer.benchmarks.apply;

import io.sealer.api.cluster.SshCredentials;
import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.image.Platform;
import io.sealer.api.spi.ExecResult;
import io.sealer.api.spi.HostConnector;
import io.sealer.api.spi.HostPlatform;
import io.sealer.api.spi.HostSession;
import io.sealer.api.spi.RemoteCommand;
import io.sealer.api.spi.TreeTransfer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Hosts in memory, for measuring the executor rather than SSH: every command takes a fixed time (a sleep), prints
 * what kubeadm prints where the plan reads its output ({@code kubeadm init}, {@code kubeadm token create}, the host
 * name), and exits 0; trees arrive at once; every host is {@code linux/amd64}. It counts how many hosts are busy at
 * once (a host is busy while one of its commands or transfers runs) and the time commands really took.
 */
final class FakeHostConnector implements HostConnector {
    static final String TOKEN = "abcdef.0123456789abcdef";
    static final String CA_HASH = "sha256:dfe4da80d48f9aa969c4d861302117d1a27b8b45e13743de3112048dc8dd2102";
    static final String CERT_KEY = "05d8740d1362344bff9dd2e92b0b8278a575461dbbc22e02ffb9ad37e5f85760";

    private final long commandNanos;
    private final ConcurrentMap<String, AtomicInteger> busyByHost = new ConcurrentHashMap<>();
    private final AtomicInteger busyHosts = new AtomicInteger();
    private final AtomicInteger maxBusyHosts = new AtomicInteger();
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong commandTime = new AtomicLong();
    private final AtomicLong transfers = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();

    /** @param commandNanos how long each command takes */
    FakeHostConnector(long commandNanos) {
        this.commandNanos = commandNanos;
    }

    @Override
    public HostSession connect(String address, SshCredentials credentials) {
        connects.incrementAndGet();
        return new Session(address, credentials.effectiveUser());
    }

    @Override
    public void close() {
    }

    /** The most hosts that were busy at the same time. */
    int maxBusyHosts() {
        return maxBusyHosts.get();
    }

    /** Commands run. */
    long commands() {
        return commands.get();
    }

    /** Mean time a command really took (its sleep and its overshoot), nanoseconds. */
    double meanCommandNanos() {
        long count = commands.get();
        return count == 0 ? 0 : (double) commandTime.get() / count;
    }

    /** Trees sent. */
    long transfers() {
        return transfers.get();
    }

    /** Sessions opened. */
    long connects() {
        return connects.get();
    }

    /** Forgets the counts. */
    void reset() {
        maxBusyHosts.set(0);
        commands.set(0);
        commandTime.set(0);
        transfers.set(0);
        connects.set(0);
    }

    private void enter(String host) {
        if (busyByHost.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet() == 1) {
            int now = busyHosts.incrementAndGet();
            maxBusyHosts.accumulateAndGet(now, Math::max);
        }
    }

    private void leave(String host) {
        if (busyByHost.get(host).decrementAndGet() == 0) {
            busyHosts.decrementAndGet();
        }
    }

    private final class Session implements HostSession {
        private final String address;
        private final String user;

        Session(String address, String user) {
            this.address = address;
            this.user = user;
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        public String user() {
            return user;
        }

        @Override
        public ExecResult exec(RemoteCommand command, Progress progress) {
            enter(address);
            long started = System.nanoTime();
            try {
                if (commandNanos > 0) {
                    sleepNanos(commandNanos);
                }
                List<String> output = outputOf(command.command());
                for (String line : output) {
                    progress.log(ProgressEvent.Stream.STDOUT, line);
                }
                return new ExecResult(0, output);
            } finally {
                commandTime.addAndGet(System.nanoTime() - started);
                commands.incrementAndGet();
                leave(address);
            }
        }

        private List<String> outputOf(String command) {
            if (command.contains("kubeadm init") && command.contains("--upload-certs") && !command.contains("phase")) {
                return List.of("[upload-certs] Using certificate key:", CERT_KEY, "",
                        "You can now join any number of the control-plane node running the following command on"
                                + " each as root:", "",
                        "  kubeadm join apiserver.cluster.local:6443 --token " + TOKEN + " \\",
                        "    --discovery-token-ca-cert-hash " + CA_HASH + " \\",
                        "    --control-plane --certificate-key " + CERT_KEY, "",
                        "Then you can join any number of worker nodes by running the following on each as root:", "",
                        "kubeadm join apiserver.cluster.local:6443 --token " + TOKEN + " \\",
                        "    --discovery-token-ca-cert-hash " + CA_HASH);
            }
            if (command.contains("kubeadm token create")) {
                return List.of("kubeadm join apiserver.cluster.local:6443 --token " + TOKEN
                        + "     --discovery-token-ca-cert-hash " + CA_HASH + " ");
            }
            if (command.equals("uname -n")) {
                return List.of("node-" + address.replace('.', '-'));
            }
            return List.of();
        }

        @Override
        public HostPlatform platform() {
            return new HostPlatform(Platform.LINUX_AMD64, "Linux", "x86_64");
        }

        @Override
        public TreeTransfer sendTree(Path local, String remoteDir, String contentId, Progress progress) {
            enter(address);
            try {
                transfers.incrementAndGet();
                return new TreeTransfer(false, 0, 0, "sha256:" + "0".repeat(64));
            } finally {
                leave(address);
            }
        }

        @Override
        public void upload(Path local, String remotePath) {
        }

        @Override
        public void download(String remotePath, Path local) {
        }

        @Override
        public void close() {
        }
    }

    /**
     * Sleeps at least {@code nanos} without spinning (the measured time, overshoot included, is what the figures
     * use; spinning would take the two cores from the executor being measured).
     */
    private static void sleepNanos(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
