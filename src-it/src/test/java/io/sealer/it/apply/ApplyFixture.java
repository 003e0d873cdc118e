package io.sealer.it.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.cluster.ApplyOptions;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.ssh.SshSettings;
import io.sealer.core.SealerClient;
import io.sealer.it.support.HostBedExtension;
import io.sealer.it.support.StubClusterImage;
import io.sealer.it.support.StubLog;
import io.sealer.it.support.TestHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every apply test needs: hosts wiped of what earlier tests left, a client with its own store holding the stub
 * cluster image, Clusterfiles on disk, the events of the calls, and readers of the hosts' files.
 */
final class ApplyFixture implements AutoCloseable {
    /** The data root of clusters on hosts. */
    static final String DATA = "/var/lib/sealer/data";
    /** The virtual IP nodes reach the API servers through (the image ships seautil). */
    static final String VIP = "10.103.97.2";
    static final String INIT_SH = "init.sh /var/lib/docker sea.hub 5000";
    static final String KUBEADM_INIT = "kubeadm init --config=/etc/kubernetes/kubeadm.yaml --upload-certs -v 0"
            + " --ignore-preflight-errors=SystemVerification";
    static final String KUBEADM_JOIN = "kubeadm join --config=/etc/kubernetes/kubeadm-join.yaml -v 0"
            + " --ignore-preflight-errors=SystemVerification";
    static final String KUBEADM_RESET = "kubeadm reset -f -v 0";
    static final String GUEST = "kubectl apply -f manifests/cni.yaml";
    static final String TOKEN_CREATE = "kubeadm token create --print-join-command";
    static final String UPLOAD_CERTS = "kubeadm init phase upload-certs --upload-certs";
    static final String CLEAN_SH = "clean.sh";
    static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);

    /** Each host's {@code /etc/hosts} as the bed made it, taken before the first test changed it. */
    private static final Map<String, String> PRISTINE_HOSTS = new ConcurrentHashMap<>();

    final HostBedExtension bed;
    final Path dir;
    final Path store;
    final List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    private final List<SealerClient> clients = new ArrayList<>();

    private ApplyFixture(HostBedExtension bed, Path dir) {
        this.bed = bed;
        this.dir = dir;
        this.store = dir.resolve("store");
    }

    /**
     * Wipes the hosts of {@code bed} (stub log, clusters, kubeadm files, binaries, the cluster's {@code /etc/hosts}
     * lines), makes sure their sshd runs, and gives a fixture whose store under {@code dir} holds the stub cluster
     * image.
     */
    static ApplyFixture start(HostBedExtension bed, Path dir) {
        resetHosts(bed);
        ApplyFixture fixture = new ApplyFixture(bed, dir);
        try (SealerClient builder = SealerClient.builder().storeRoot(fixture.store).build()) {
            StubClusterImage.build(builder, dir.resolve("contexts"));
        }
        return fixture;
    }

    static void resetHosts(HostBedExtension bed) {
        for (TestHost host : bed.hosts()) {
            if (!host.sshdRunning()) {
                host.startSshd();
            }
            Path hosts = host.path("/etc/hosts");
            String pristine = PRISTINE_HOSTS.computeIfAbsent(host.name(), n -> read(hosts));
            host.check("rm -rf /var/lib/sealer/* /etc/kubernetes/* /usr/local/bin/* /root/.kube /var/lib/kubelet/*"
                    + " /etc/sysctl.d/k8s.conf");
            write(hosts, pristine);
        }
    }

    /** A client of this fixture's store; its SSH identities come from the Clusterfiles only. */
    SealerClient client() {
        return client(bed.sshSettings().identityFiles(List.of()).build());
    }

    /** A client of this fixture's store with these SSH settings. */
    SealerClient client(SshSettings settings) {
        SealerClient client = SealerClient.builder().storeRoot(store).sshSettings(settings).listener(events::add)
                .build();
        clients.add(client);
        return client;
    }

    /** Builds the application image into this fixture's store. */
    void buildAppImage() {
        try (SealerClient builder = SealerClient.builder().storeRoot(store).build()) {
            StubClusterImage.buildApp(builder, dir.resolve("contexts"));
        }
    }

    /** A Clusterfile logging in as root with the bed's default client key. */
    ClusterfileText clusterfile(String name) {
        return ClusterfileText.named(name).key("root", bed.clientKey().privateKey().toString());
    }

    /** Writes the Clusterfile and loads it with {@code client}. */
    Clusterfile load(SealerClient client, ClusterfileText text) {
        return client.clusters().load(write(text));
    }

    /** Writes the Clusterfile under the fixture's directory; returns its path. */
    Path write(ClusterfileText text) {
        try {
            Path file = Files.createTempFile(dir, "Clusterfile-", ".yaml");
            Files.writeString(file, text.render());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options with a short step timeout. */
    static ApplyOptions options() {
        return ApplyOptions.DEFAULTS.withStepTimeout(STEP_TIMEOUT);
    }

    /** The rootfs of cluster {@code name} on a host. */
    static String rootfs(String name) {
        return DATA + "/" + name + "/rootfs";
    }

    static String initRegistry(String name) {
        return "init-registry.sh 5000 " + rootfs(name) + "/registry sea.hub";
    }

    /** What the seautil route and IPVS commands of a node record, in order. */
    static List<String> nodeIpvs(TestHost node, List<TestHost> masters) {
        StringBuilder ipvs = new StringBuilder("seautil ipvs --vs " + VIP + ":6443");
        masters.forEach(m -> ipvs.append(" --rs ").append(m.address()).append(":6443"));
        ipvs.append(" --health-path /healthz --health-schem https --run-once");
        return List.of("seautil route check --host " + VIP, "seautil route add --host " + VIP + " --gateway "
                + node.address(), ipvs.toString());
    }

    /** The text of a file on a host, or {@code null} when it does not exist. */
    static String file(TestHost host, String path) {
        Path local = host.path(path);
        return Files.isRegularFile(local) ? read(local) : null;
    }

    /** Whether a path exists on a host. */
    static boolean exists(TestHost host, String path) {
        return Files.exists(host.path(path), LinkOption.NOFOLLOW_LINKS);
    }

    /** The owner uid and permission bits of a file on a host, as {@code 0 rw-------}. */
    static String ownerAndMode(TestHost host, String path) {
        try {
            Path local = host.path(path);
            return Files.getAttribute(local, "unix:uid", LinkOption.NOFOLLOW_LINKS) + " "
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(local, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of the host's {@code /etc/hosts}. */
    static List<String> hostsLines(TestHost host) {
        return read(host.path("/etc/hosts")).lines().toList();
    }

    /** The {@code /etc/hosts} lines of the host that name {@code name}. */
    static List<String> hostsLinesFor(TestHost host, String name) {
        return hostsLines(host).stream().filter(line -> {
            String[] words = line.trim().split("\\s+");
            return !line.trim().startsWith("#") && Arrays.asList(words).subList(1, words.length).contains(name);
        }).toList();
    }

    /** Asserts the host's {@code /etc/hosts} names {@code name} exactly once, as {@code ip name}. */
    static void assertHostsEntry(TestHost host, String ip, String name) {
        assertThat(hostsLinesFor(host, name)).as("/etc/hosts of %s for %s", host, name)
                .containsExactly(ip + " " + name);
    }

    /** Asserts the host's {@code /etc/hosts} does not name {@code name} and keeps the bed's own lines. */
    static void assertNoHostsEntry(TestHost host, String name) {
        assertThat(hostsLinesFor(host, name)).as("/etc/hosts of %s for %s", host, name).isEmpty();
        assertThat(hostsLines(host)).as("the bed's own /etc/hosts line of %s", host)
                .contains(host.address() + " " + host.name());
    }

    /** The commands of every host, for assertion messages. */
    static String logs(List<TestHost> hosts) {
        StringBuilder text = new StringBuilder();
        for (TestHost host : hosts) {
            text.append('\n').append(host.address()).append(':');
            StubLog.calls(host).forEach(c -> text.append("\n  ").append(c.command()).append("  [")
                    .append(c.exitStatus().map(s -> "exit " + s).orElse("no exit")).append(']'));
        }
        return text.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            // in place: /etc/hosts is a bind-mounted file on the host
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (SealerClient client : clients) {
            client.close();
        }
        clients.clear();
    }
}
