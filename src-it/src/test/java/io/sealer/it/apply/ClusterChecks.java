package io.sealer.it.apply;

import static io.sealer.it.apply.ApplyFixture.DATA;
import static io.sealer.it.apply.ApplyFixture.GUEST;
import static io.sealer.it.apply.ApplyFixture.INIT_SH;
import static io.sealer.it.apply.ApplyFixture.KUBEADM_INIT;
import static io.sealer.it.apply.ApplyFixture.KUBEADM_JOIN;
import static io.sealer.it.apply.ApplyFixture.VIP;
import static io.sealer.it.apply.ApplyFixture.assertHostsEntry;
import static io.sealer.it.apply.ApplyFixture.exists;
import static io.sealer.it.apply.ApplyFixture.file;
import static io.sealer.it.apply.ApplyFixture.initRegistry;
import static io.sealer.it.apply.ApplyFixture.logs;
import static io.sealer.it.apply.ApplyFixture.nodeIpvs;
import static io.sealer.it.apply.ApplyFixture.ownerAndMode;
import static io.sealer.it.apply.ApplyFixture.rootfs;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.cluster.ApplyResult;
import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.Host;
import io.sealer.api.event.ProgressEvent;
import io.sealer.core.SealerClient;
import io.sealer.it.support.StubClusterImage;
import io.sealer.it.support.StubLog;
import io.sealer.it.support.StubLog.Call;
import io.sealer.it.support.TestHost;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The checks of a cluster the stub image installed: per host, the stub commands in their order, the order across
 * hosts, the files written; the result of the apply and the saved cluster.
 */
final class ClusterChecks {
    final String name;
    final List<TestHost> masters;
    final List<TestHost> nodes;
    private final boolean registryOnEveryMaster;

    /** A cluster with sealer's default registry: one on every master ({@code localRegistry.ha: true}). */
    ClusterChecks(String name, List<TestHost> masters, List<TestHost> nodes) {
        this(name, masters, nodes, true);
    }

    /** A cluster whose registry runs on every master, or on master0 only ({@code localRegistry.ha: false}). */
    ClusterChecks(String name, List<TestHost> masters, List<TestHost> nodes, boolean registryOnEveryMaster) {
        this.name = name;
        this.masters = List.copyOf(masters);
        this.nodes = List.copyOf(nodes);
        this.registryOnEveryMaster = registryOnEveryMaster;
    }

    /** Whether {@code host} runs a registry. */
    boolean registryHost(TestHost host) {
        return registryOnEveryMaster ? masters.contains(host) : host.equals(master0());
    }

    /** The address {@code sea.hub} resolves to on {@code host}: itself on a registry host, else master0. */
    String registryAddress(TestHost host) {
        return registryHost(host) ? host.address() : master0().address();
    }

    TestHost master0() {
        return masters.get(0);
    }

    List<TestHost> all() {
        return Stream.concat(masters.stream(), nodes.stream()).toList();
    }

    List<String> addresses(List<TestHost> hosts) {
        return hosts.stream().map(TestHost::address).toList();
    }

    /** The commands a fresh install runs on {@code host}, in order. */
    List<String> installCommands(TestHost host) {
        List<String> expected = new ArrayList<>(List.of(INIT_SH));
        if (registryHost(host)) {
            expected.add(initRegistry(name));
        }
        if (host.equals(master0())) {
            expected.addAll(List.of(KUBEADM_INIT, GUEST));
        } else if (masters.contains(host)) {
            expected.add(KUBEADM_JOIN);
        } else {
            expected.addAll(nodeIpvs(host, masters));
            expected.add(KUBEADM_JOIN);
        }
        return expected;
    }

    /** Everything a fresh install leaves: commands and their order, files, the result and the saved cluster. */
    void assertInstalled(SealerClient client, ApplyResult result) {
        assertCommands();
        assertCalls();
        assertOrder();
        assertFiles(StubClusterImage.TOKEN);
        assertResult(result, "create");
        assertSaved(client);
    }

    void assertCommands() {
        for (TestHost host : all()) {
            assertThat(StubLog.commands(host)).as("the stub commands on %s (all hosts:%s)", host, logs(all()))
                    .containsExactlyElementsOf(installCommands(host));
        }
    }

    /** Every call ran as root and succeeded (but the route check that finds no route), in the right places. */
    void assertCalls() {
        for (TestHost host : all()) {
            for (Call call : StubLog.calls(host)) {
                assertThat(call.uid()).as("the user of %s", call).isZero();
                if (!call.is("seautil route check")) {
                    assertThat(call.succeeded()).as("%s succeeded", call).isTrue();
                }
            }
            Call init = StubLog.only(host, "init.sh");
            assertThat(init.cwd()).as("init.sh's directory on %s", host).isEqualTo(rootfs(name) + "/scripts");
            assertThat(init.hostIp()).as("init.sh's HostIP on %s", host).isEqualTo(host.address());
            Call kubeadm = StubLog.only(host, host.equals(master0()) ? "kubeadm init --config" : "kubeadm join");
            assertThat(kubeadm.hostIp()).as("kubeadm's HostIP on %s", host).isEqualTo(host.address());
        }
        for (TestHost host : all()) {
            List<Call> registry = StubLog.calls(host, "init-registry.sh");
            assertThat(registry).as("the registry on %s", host).hasSize(registryHost(host) ? 1 : 0);
            registry.forEach(r -> assertThat(r.cwd()).isEqualTo(rootfs(name) + "/scripts"));
        }
        assertThat(StubLog.only(master0(), GUEST).cwd()).as("the image's CMD runs in the rootfs")
                .isEqualTo(rootfs(name));
    }

    /** The order across hosts: registry and every host ready before kubeadm init; masters one at a time; nodes last. */
    void assertOrder() {
        Call init = StubLog.only(master0(), "kubeadm init --config");
        for (TestHost host : all()) {
            assertThat(StubLog.only(host, "init.sh").endedOrFail()).as("init.sh on %s ended before kubeadm init"
                    + " began", host).isLessThan(init.started());
        }
        for (TestHost host : all()) {
            for (Call registry : StubLog.calls(host, "init-registry.sh")) {
                assertThat(registry.endedOrFail()).as("the registry on %s ready before kubeadm init", host)
                        .isLessThan(init.started());
            }
        }
        long previous = init.endedOrFail();
        String previousName = "kubeadm init on " + master0().address();
        for (TestHost master : masters.subList(1, masters.size())) {
            Call join = StubLog.only(master, "kubeadm join");
            assertThat(join.started()).as("kubeadm join on %s began after %s ended (masters join one at a time)"
                    + "%s", master, previousName, logs(all())).isGreaterThan(previous);
            previous = join.endedOrFail();
            previousName = "kubeadm join on " + master.address();
        }
        long lastJoin = previous;
        for (TestHost node : nodes) {
            Call join = StubLog.only(node, "kubeadm join");
            assertThat(join.started()).as("kubeadm join on node %s began after %s ended", node, previousName)
                    .isGreaterThan(previous);
            lastJoin = Math.max(lastJoin, join.endedOrFail());
            List<Call> routes = StubLog.calls(node, "seautil");
            assertThat(routes).isNotEmpty();
            assertThat(routes.get(routes.size() - 1).endedOrFail()).as("the IPVS rules on %s before its join", node)
                    .isLessThan(join.started());
        }
        assertThat(StubLog.only(master0(), GUEST).started()).as("the image's CMD after every join")
                .isGreaterThan(lastJoin);
    }

    /** The files an install writes; joins used {@code token}. */
    void assertFiles(String token) {
        String rootfs = rootfs(name);
        for (TestHost host : all()) {
            for (String path : List.of(rootfs + "/scripts/init.sh", rootfs + "/bin/kubeadm",
                    rootfs + "/etc/kubeadm.yml",
                    rootfs + "/manifests/cni.yaml", "/usr/local/bin/kubeadm", "/usr/local/bin/kubectl")) {
                assertThat(exists(host, path)).as("%s on %s", path, host).isTrue();
            }
            assertHostsEntry(host, registryAddress(host), "sea.hub");
            String apiserver = host.equals(master0()) ? master0().address()
                    : masters.contains(host) ? host.address() : VIP;
            assertHostsEntry(host, apiserver, "apiserver.cluster.local");
            assertThat(exists(host, rootfs + "/registry")).as("the registry's storage only on registry hosts (%s)",
                    host).isEqualTo(registryHost(host));
        }
        TestHost master0 = master0();
        String kubeadm = file(master0, "/etc/kubernetes/kubeadm.yaml");
        assertThat(kubeadm).as("/etc/kubernetes/kubeadm.yaml on master0").isNotNull();
        assertThat(ownerAndMode(master0, "/etc/kubernetes/kubeadm.yaml")).isEqualTo("0 rw-------");
        assertThat(kubeadm).contains("InitConfiguration", "ClusterConfiguration", "kubernetesVersion: v1.19.8",
                "apiserver.cluster.local:6443", master0.address());
        for (TestHost master : masters) {
            assertThat(file(master, "/root/.kube/config")).as("root's kubeconfig on %s", master)
                    .isNotNull().isEqualTo(file(master, "/etc/kubernetes/admin.conf"));
        }
        for (TestHost host : all()) {
            if (host.equals(master0)) {
                continue;
            }
            String join = file(host, "/etc/kubernetes/kubeadm-join.yaml");
            assertThat(join).as("the join configuration of %s", host).isNotNull().contains(token,
                    StubClusterImage.CA_HASH.substring("sha256:".length()));
            assertThat(ownerAndMode(host, "/etc/kubernetes/kubeadm-join.yaml")).isEqualTo("0 rw-------");
            if (masters.contains(host)) {
                assertThat(join).contains("controlPlane");
            } else {
                assertThat(join).doesNotContain("controlPlane").doesNotContain(StubClusterImage.CERT_KEY)
                        .doesNotContain(StubClusterImage.UPLOAD_CERT_KEY);
                String lvscare = file(host, "/etc/kubernetes/manifests/kube-lvscare.yaml");
                assertThat(lvscare).as("the lvscare static pod of %s", host).isNotNull()
                        .contains("- " + VIP + ":6443");
                for (TestHost master : masters) {
                    assertThat(lvscare).contains("- " + master.address() + ":6443");
                }
                assertThat(exists(host, "/root/.kube/config")).as("no kubeconfig on node %s", host).isFalse();
            }
        }
    }

    void assertResult(ApplyResult result, String kind) {
        assertThat(result.plan().kind()).isEqualTo(kind);
        assertThat(result.plan().cluster()).isEqualTo(name);
        assertThat(result.stepsResumed()).as("nothing resumed").isZero();
        assertThat(result.stepsRun()).as("every step of the plan ran once").isEqualTo(result.plan().steps().size());
        List<String> ran = result.hosts().stream().flatMap(h -> h.ran().stream()).toList();
        assertThat(ran).doesNotHaveDuplicates();
        if (kind.equals("create")) {
            for (TestHost host : all()) {
                assertThat(result.host(host.address())).as("the outcome on %s", host).isPresent();
                assertThat(result.host(host.address()).orElseThrow().ran()).contains("init/init.sh@" + host.address());
            }
            assertThat(result.host(master0().address()).orElseThrow().ran())
                    .contains("init-master0/kubeadm-init@" + master0().address());
        }
    }

    void assertSaved(SealerClient client) {
        Clusterfile saved = client.clusters().saved(name).orElseThrow(() -> new AssertionError(name + " not saved"));
        Cluster cluster = saved.cluster();
        assertThat(cluster.name()).isEqualTo(name);
        assertThat(cluster.image()).isEqualTo(StubClusterImage.IMAGE);
        assertThat(cluster.ipsWithRole(Host.ROLE_MASTER)).containsExactlyElementsOf(addresses(masters));
        assertThat(cluster.allIps()).containsExactlyInAnyOrderElementsOf(addresses(all()));
        assertThat(client.clusters().list()).contains(name);
    }

    /** No output line reported in the events shows the join token or the certificate key. */
    static void assertNoSecretsIn(List<ProgressEvent> events, String... more) {
        List<String> secrets = new ArrayList<>(List.of(StubClusterImage.TOKEN, StubClusterImage.FRESH_TOKEN,
                StubClusterImage.CERT_KEY, StubClusterImage.UPLOAD_CERT_KEY));
        secrets.addAll(List.of(more));
        for (ProgressEvent event : events) {
            String text = event.toString();
            for (String secret : secrets) {
                assertThat(text).as("an event shows a secret").doesNotContain(secret);
            }
        }
    }

    /** The path of the cluster's directory on hosts. */
    String clusterDir() {
        return DATA + "/" + name;
    }
}
