package io.sealer.it.apply;

import static io.sealer.it.apply.ApplyFixture.DATA;
import static io.sealer.it.apply.ApplyFixture.INIT_SH;
import static io.sealer.it.apply.ApplyFixture.KUBEADM_JOIN;
import static io.sealer.it.apply.ApplyFixture.KUBEADM_RESET;
import static io.sealer.it.apply.ApplyFixture.CLEAN_SH;
import static io.sealer.it.apply.ApplyFixture.TOKEN_CREATE;
import static io.sealer.it.apply.ApplyFixture.VIP;
import static io.sealer.it.apply.ApplyFixture.assertHostsEntry;
import static io.sealer.it.apply.ApplyFixture.assertNoHostsEntry;
import static io.sealer.it.apply.ApplyFixture.exists;
import static io.sealer.it.apply.ApplyFixture.file;
import static io.sealer.it.apply.ApplyFixture.logs;
import static io.sealer.it.apply.ApplyFixture.nodeIpvs;
import static io.sealer.it.apply.ApplyFixture.options;
import static io.sealer.it.apply.ApplyFixture.ownerAndMode;
import static io.sealer.it.apply.ApplyFixture.rootfs;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.cluster.ApplyResult;
import io.sealer.core.SealerClient;
import io.sealer.it.support.HostBedExtension;
import io.sealer.it.support.StubClusterImage;
import io.sealer.it.support.StubLog;
import io.sealer.it.support.TestHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Installs, scales and deletes clusters of the stub cluster image ({@link StubClusterImage}) on real OpenSSH hosts of
 * the test bed through {@code SealerClient.clusters()}, and checks on each host the commands the stubs recorded, their
 * order (on the host and across hosts), and the files written; key, password, passphrase-key and sudo logins; a
 * Clusterfile's Config and kubeadm documents; an application image on the running cluster.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ApplyIntegrationTest extends FixtureTest {
    private static final String ROOT_PASSWORD = "r00t-Apply-9";
    private static final String SUDO_USER = "deployer";
    private static final String SUDO_PASSWORD = "Sudo-Apply-7";

    @RegisterExtension
    static final HostBedExtension BED = HostBedExtension.withHosts(4).rootPassword(ROOT_PASSWORD)
            .passwordAuthentication(true).sudoUser(SUDO_USER, SUDO_PASSWORD);

    @Override
    HostBedExtension bed() {
        return BED;
    }

    private static TestHost host(int index) {
        return BED.host(index);
    }

    @Test
    void oneMasterAndTwoNodesInstallWithTheirCommandsInOrderAndTheirFiles() {
        ClusterChecks cluster = new ClusterChecks("one-two", List.of(host(0)), List.of(host(1), host(2)));
        SealerClient client = fixture.client();
        ClusterfileText text = fixture.clusterfile(cluster.name).masters(cluster.masters).nodes(cluster.nodes);

        ApplyResult result = client.clusters().apply(fixture.load(client, text), options());

        cluster.assertInstalled(client, result);
        assertThat(StubLog.commands(host(3))).as("a host outside the cluster").isEmpty();
        ClusterChecks.assertNoSecretsIn(fixture.events);

        Map<String, List<String>> before = commandsOf(cluster.all());
        ApplyResult again = client.clusters().apply(fixture.load(client, text), options());
        assertThat(again.plan().kind()).as("the cluster already matches its Clusterfile").isEqualTo("none");
        assertThat(again.stepsRun()).isZero();
        assertThat(commandsOf(cluster.all())).as("nothing ran again").isEqualTo(before);
        for (TestHost host : cluster.all()) {
            assertHostsEntry(host, host(0).address(), "sea.hub");
        }
    }

    @Test
    void scaleUpByOneNodeThenDownByOneNode() {
        ClusterChecks installed = new ClusterChecks("scale", List.of(host(0)), List.of(host(1)));
        SealerClient client = fixture.client();
        ClusterfileText text = fixture.clusterfile(installed.name).masters(installed.masters)
                .nodes(installed.nodes);
        installed.assertInstalled(client, client.clusters().apply(fixture.load(client, text), options()));
        List<String> master0Before = StubLog.commands(host(0));
        List<String> node1Before = StubLog.commands(host(1));

        // up: the Clusterfile lists one more node
        TestHost added = host(2);
        ApplyResult up = client.clusters().apply(fixture.load(client, text.nodes(List.of(host(1), added))),
                options());

        assertThat(up.plan().kind()).isEqualTo("scale-up");
        assertThat(up.plan().hosts()).as("the plan touches master0 (a fresh token) and the new node only")
                .containsExactlyInAnyOrder(host(0).address(), added.address());
        List<String> master0Up = new ArrayList<>(master0Before);
        master0Up.add(TOKEN_CREATE);
        assertThat(StubLog.commands(host(0))).as("master0 makes a fresh join token" + logs(BED.hosts()))
                .containsExactlyElementsOf(master0Up);
        assertThat(StubLog.commands(host(1))).as("the other node is left alone").isEqualTo(node1Before);
        List<String> addedCommands = new ArrayList<>(List.of(INIT_SH));
        addedCommands.addAll(nodeIpvs(added, List.of(host(0))));
        addedCommands.add(KUBEADM_JOIN);
        assertThat(StubLog.commands(added)).containsExactlyElementsOf(addedCommands);
        assertThat(StubLog.only(added, "kubeadm join").started()).as("the join after the fresh token")
                .isGreaterThan(StubLog.only(host(0), TOKEN_CREATE).endedOrFail());
        assertThat(file(added, "/etc/kubernetes/kubeadm-join.yaml")).as("the new node joins with the fresh token")
                .contains(StubClusterImage.FRESH_TOKEN);
        assertHostsEntry(added, host(0).address(), "sea.hub");
        assertHostsEntry(added, VIP, "apiserver.cluster.local");
        assertThat(exists(added, rootfs(installed.name) + "/scripts/init.sh")).isTrue();
        ClusterChecks grown = new ClusterChecks(installed.name, List.of(host(0)), List.of(host(1), added));
        grown.assertSaved(client);
        assertThat(up.stepsResumed()).isZero();

        // down: remove the first node
        TestHost removed = host(1);
        ApplyResult down = client.clusters().remove(installed.name, List.of(removed.address()), options());

        assertThat(down.plan().kind()).isEqualTo("scale-down");
        List<String> master0Down = new ArrayList<>(master0Up);
        master0Down.add("kubectl drain " + removed.name() + " --ignore-daemonsets --delete-emptydir-data --force"
                + " --timeout=300s");
        master0Down.add("kubectl delete node " + removed.name() + " --ignore-not-found");
        assertThat(StubLog.commands(host(0))).as("master0 drains and deletes the node by its name"
                + logs(BED.hosts())).containsExactlyElementsOf(master0Down);
        List<String> removedCommands = new ArrayList<>(node1Before);
        removedCommands.addAll(List.of(KUBEADM_RESET, CLEAN_SH));
        assertThat(StubLog.commands(removed)).containsExactlyElementsOf(removedCommands);
        assertThat(StubLog.only(removed, KUBEADM_RESET).started()).as("reset after the node was deleted")
                .isGreaterThan(StubLog.only(host(0), "kubectl delete node").endedOrFail());
        assertThat(StubLog.commands(added)).as("the remaining node is left alone")
                .containsExactlyElementsOf(addedCommands);
        assertThat(exists(removed, installed.clusterDir())).as("the removed host's cluster directory").isFalse();
        assertThat(exists(removed, "/usr/local/bin/kubeadm")).as("clean.sh ran").isFalse();
        assertThat(exists(removed, "/etc/kubernetes/kubeadm-join.yaml")).isFalse();
        assertNoHostsEntry(removed, "sea.hub");
        assertNoHostsEntry(removed, "apiserver.cluster.local");
        assertThat(exists(added, installed.clusterDir())).isTrue();
        new ClusterChecks(installed.name, List.of(host(0)), List.of(added)).assertSaved(client);
        ClusterChecks.assertNoSecretsIn(fixture.events);
    }

    @Test
    void deleteResetsAndCleansEveryHostAndForgetsTheCluster() throws IOException {
        ClusterChecks cluster = new ClusterChecks("to-delete", List.of(host(0)), List.of(host(1), host(2)));
        SealerClient client = fixture.client();
        cluster.assertInstalled(client, client.clusters().apply(fixture.load(client,
                fixture.clusterfile(cluster.name).masters(cluster.masters).nodes(cluster.nodes)), options()));
        Map<String, List<String>> installed = commandsOf(cluster.all());
        for (TestHost host : cluster.all()) {
            host.check("mkdir -p " + DATA + "/other/rootfs && echo keep > " + DATA + "/other/rootfs/canary"
                    + " && echo keep > " + DATA + "/canary");
        }

        ApplyResult result = client.clusters().delete(cluster.name, options());

        assertThat(result.plan().kind()).isEqualTo("delete");
        for (TestHost host : cluster.all()) {
            List<String> expected = new ArrayList<>(installed.get(host.address()));
            expected.addAll(List.of(KUBEADM_RESET, CLEAN_SH));
            assertThat(StubLog.commands(host)).as("%s is reset and cleaned", host).containsExactlyElementsOf(expected);
            assertThat(exists(host, cluster.clusterDir())).as("the cluster's directory on %s", host).isFalse();
            assertThat(file(host, DATA + "/other/rootfs/canary")).as("another cluster's files on %s", host)
                    .isEqualTo("keep\n");
            assertThat(file(host, DATA + "/canary")).isEqualTo("keep\n");
            assertThat(exists(host, "/usr/local/bin/kubeadm")).isFalse();
            assertThat(exists(host, "/etc/kubernetes/admin.conf")).isFalse();
            assertThat(exists(host, "/root/.kube/config")).isFalse();
            assertNoHostsEntry(host, "sea.hub");
            assertNoHostsEntry(host, "apiserver.cluster.local");
        }
        assertThat(client.clusters().list()).doesNotContain(cluster.name);
        assertThat(client.clusters().saved(cluster.name)).isEmpty();
        assertThat(fixture.store.resolve("clusters").resolve(cluster.name)).doesNotExist();
    }

    @Test
    void anApplicationImageInstallsOnTheRunningClusterAndAJoinAfterItStillJoins() {
        ClusterChecks cluster = new ClusterChecks("with-app", List.of(host(0)), List.of(host(1)));
        SealerClient client = fixture.client();
        ClusterfileText text = fixture.clusterfile(cluster.name).masters(cluster.masters).nodes(cluster.nodes);
        cluster.assertInstalled(client, client.clusters().apply(fixture.load(client, text), options()));
        Map<String, List<String>> installed = commandsOf(cluster.all());
        fixture.buildAppImage();
        String appId = client.images().inspect(StubClusterImage.APP_IMAGE).get(0).id();
        String shortId = appId.substring(appId.indexOf(':') + 1, appId.indexOf(':') + 13);

        ApplyResult app = client.clusters().apply(fixture.load(client, text.image(StubClusterImage.APP_IMAGE)),
                options());

        assertThat(app.plan().kind()).isEqualTo("app");
        assertThat(app.plan().hosts()).as("an application installs from master0").containsExactly(host(0).address());
        List<String> master0 = new ArrayList<>(installed.get(host(0).address()));
        master0.add("kubectl apply -f manifests/app.yaml");
        assertThat(StubLog.commands(host(0))).containsExactlyElementsOf(master0);
        String appDir = cluster.clusterDir() + "/apps/" + shortId;
        assertThat(StubLog.only(host(0), "kubectl apply -f manifests/app.yaml").cwd()).isEqualTo(appDir);
        assertThat(file(host(0), appDir + "/manifests/app.yaml")).contains("stub-app");
        assertThat(exists(host(0), appDir + "/bin/kubeadm")).as("only the application's own files").isFalse();
        assertThat(StubLog.commands(host(1))).isEqualTo(installed.get(host(1).address()));

        // the cluster stays a cluster of its cluster image: a join installs Kubernetes, not the application again
        ApplyResult join = client.clusters().join(cluster.name, List.of(), List.of(host(2).address()), options());
        assertThat(join.plan().kind()).as("a join after an application (saved image: %s)",
                client.clusters().saved(cluster.name).orElseThrow().cluster().image()).isEqualTo("scale-up");
        List<String> joined = new ArrayList<>(List.of(INIT_SH));
        joined.addAll(nodeIpvs(host(2), List.of(host(0))));
        joined.add(KUBEADM_JOIN);
        assertThat(StubLog.commands(host(2))).containsExactlyElementsOf(joined);
        assertThat(StubLog.calls(host(0), "kubectl apply -f manifests/app.yaml")).as("the application once")
                .hasSize(1);
        assertThat(client.clusters().saved(cluster.name).orElseThrow().cluster().image())
                .as("the saved cluster's image after an application").isEqualTo(StubClusterImage.IMAGE);
    }

    @Test
    void configAndKubeadmDocumentsOfTheClusterfileReachTheHosts() throws IOException {
        ClusterChecks cluster = new ClusterChecks("documents", List.of(host(0)), List.of(host(1)));
        SealerClient client = fixture.client();
        ClusterfileText text = fixture.clusterfile(cluster.name).masters(cluster.masters).nodes(cluster.nodes)
                .document("""
                        apiVersion: kubeadm.k8s.io/v1beta2
                        kind: ClusterConfiguration
                        kubernetesVersion: v1.19.8
                        networking:
                          podSubnet: 100.80.0.0/12
                        apiServer:
                          certSANs:
                          - my-api.example.com
                          - 10.0.0.100
                        """)
                .document("""
                        apiVersion: kubelet.config.k8s.io/v1beta1
                        kind: KubeletConfiguration
                        maxPods: 142
                        """)
                .document("""
                        apiVersion: sealer.io/v1
                        kind: Config
                        metadata:
                          name: stub-config
                        spec:
                          path: etc/stub-config.yaml
                          data: |
                            greeting: from-the-clusterfile
                        """)
                .document("""
                        apiVersion: sealer.io/v1
                        kind: Config
                        metadata:
                          name: new-file
                        spec:
                          path: etc/added/by-config.conf
                          data: |
                            added=yes
                        """);

        ApplyResult result = client.clusters().apply(fixture.load(client, text), options());

        cluster.assertCommands();
        cluster.assertResult(result, "create");
        String kubeadm = file(host(0), "/etc/kubernetes/kubeadm.yaml");
        assertThat(kubeadm).as("the merged kubeadm configuration on master0").isNotNull()
                .contains("my-api.example.com", "10.0.0.100", "100.80.0.0/12", "maxPods: 142")
                .doesNotContain("100.64.0.0/10")
                .contains("serviceSubnet: 10.96.0.0/22", "imageRepository: sea.hub:5000",
                        "apiserver.cluster.local", host(0).address());
        for (TestHost host : cluster.all()) {
            assertThat(file(host, rootfs(cluster.name) + "/etc/stub-config.yaml")).as("the Config on %s", host)
                    .isEqualTo("greeting: from-the-clusterfile\n");
            assertThat(file(host, rootfs(cluster.name) + "/etc/added/by-config.conf")).as("the new file on %s", host)
                    .isEqualTo("added=yes\n");
        }
        assertThat(exists(host(1), "/etc/kubernetes/kubeadm.yaml")).as("the init configuration on master0 only")
                .isFalse();
        // the store's image is untouched: a Config changes the copy sent to hosts
        Path context = StubClusterImage.writeClusterContext(dir.resolve("again"));
        assertThat(Files.readString(context.resolve("etc/stub-config.yaml")))
                .contains(StubClusterImage.IMAGE_CONFIG_LINE);
        try (Stream<Path> files = Files.walk(fixture.store.resolve("data/overlay2"))) {
            List<Path> copies = files.filter(p -> p.endsWith("etc/stub-config.yaml")).toList();
            assertThat(copies).isNotEmpty();
            for (Path copy : copies) {
                assertThat(Files.readString(copy)).as("the layer's %s", copy)
                        .contains(StubClusterImage.IMAGE_CONFIG_LINE);
            }
        }
    }

    @Test
    void rootLogsInWithAPassword() {
        ClusterChecks cluster = new ClusterChecks("password", List.of(host(0)), List.of(host(1)));
        SealerClient client = fixture.client();
        ApplyResult result = client.clusters().apply(fixture.load(client, ClusterfileText.named(cluster.name)
                .password("root", ROOT_PASSWORD).masters(cluster.masters).nodes(cluster.nodes)), options());

        cluster.assertInstalled(client, result);
        assertThat(client.clusters().saved(cluster.name).orElseThrow().cluster().ssh().password())
                .isEqualTo(ROOT_PASSWORD);
        assertSavedWithoutPlainText(cluster.name, ROOT_PASSWORD);
        ClusterChecks.assertNoSecretsIn(fixture.events, ROOT_PASSWORD);
    }

    @Test
    void aKeyWithAPassphraseLogsIn() {
        ClusterChecks cluster = new ClusterChecks("passphrase", List.of(host(0)), List.of(host(1)));
        SealerClient client = fixture.client();
        String passphrase = BED.passphraseKey().passphrase().orElseThrow();
        ApplyResult result = client.clusters().apply(fixture.load(client, ClusterfileText.named(cluster.name)
                .key("root", BED.passphraseKey().privateKey().toString(), passphrase).masters(cluster.masters)
                .nodes(cluster.nodes)), options());

        cluster.assertInstalled(client, result);
        assertSavedWithoutPlainText(cluster.name, passphrase);
        ClusterChecks.assertNoSecretsIn(fixture.events, passphrase);
    }

    @Test
    void aNonRootUserWithASudoPasswordInstallsAsRoot() {
        ClusterChecks cluster = new ClusterChecks("sudo", List.of(host(0)), List.of(host(1)));
        SealerClient client = fixture.client();
        ApplyResult result = client.clusters().apply(fixture.load(client, ClusterfileText.named(cluster.name)
                .password(SUDO_USER, SUDO_PASSWORD).masters(cluster.masters).nodes(cluster.nodes)), options());

        cluster.assertInstalled(client, result);
        for (TestHost host : cluster.all()) {
            assertThat(StubLog.calls(host)).allSatisfy(call -> assertThat(call.uid()).as("%s", call).isZero());
            assertThat(ownerAndMode(host, rootfs(cluster.name) + "/scripts/init.sh")).startsWith("0 ");
            assertThat(file(host, StubClusterImage.LOG)).doesNotContain(SUDO_PASSWORD);
        }
        assertThat(ownerAndMode(host(1), "/etc/kubernetes/kubeadm-join.yaml")).isEqualTo("0 rw-------");
        assertSavedWithoutPlainText(cluster.name, SUDO_PASSWORD);
        ClusterChecks.assertNoSecretsIn(fixture.events, SUDO_PASSWORD);

        ApplyResult deleted = client.clusters().delete(cluster.name, options());
        assertThat(deleted.plan().kind()).isEqualTo("delete");
        for (TestHost host : cluster.all()) {
            assertThat(StubLog.commands(host)).endsWith(KUBEADM_RESET, CLEAN_SH);
            assertThat(StubLog.calls(host, KUBEADM_RESET).get(0).uid()).isZero();
            assertThat(exists(host, cluster.clusterDir())).isFalse();
        }
    }

    /** The saved Clusterfile in the store keeps the secret encrypted, never as written. */
    private void assertSavedWithoutPlainText(String name, String secret) {
        Path saved = fixture.store.resolve("clusters").resolve(name);
        assertThat(saved).isDirectory();
        try (Stream<Path> files = Files.walk(saved)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as("%s", file)
                        .doesNotContain(secret);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, List<String>> commandsOf(List<TestHost> hosts) {
        return hosts.stream().collect(Collectors.toMap(TestHost::address, StubLog::commands));
    }
}
