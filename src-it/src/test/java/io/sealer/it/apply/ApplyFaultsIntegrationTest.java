package io.sealer.it.apply;

import static io.sealer.it.apply.ApplyFixture.DATA;
import static io.sealer.it.apply.ApplyFixture.GUEST;
import static io.sealer.it.apply.ApplyFixture.INIT_SH;
import static io.sealer.it.apply.ApplyFixture.KUBEADM_INIT;
import static io.sealer.it.apply.ApplyFixture.KUBEADM_JOIN;
import static io.sealer.it.apply.ApplyFixture.exists;
import static io.sealer.it.apply.ApplyFixture.file;
import static io.sealer.it.apply.ApplyFixture.logs;
import static io.sealer.it.apply.ApplyFixture.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sealer.api.ClusterfileException;
import io.sealer.api.HostException;
import io.sealer.api.HostUnreachableException;
import io.sealer.api.StepFailedException;
import io.sealer.api.cluster.ApplyResult;
import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.HostOutcome;
import io.sealer.api.cluster.PlannedStep;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.event.ProgressListener;
import io.sealer.api.ssh.SshSettings;
import io.sealer.core.SealerClient;
import io.sealer.it.support.HostBedExtension;
import io.sealer.it.support.StubClusterImage;
import io.sealer.it.support.StubLog;
import io.sealer.it.support.StubLog.Call;
import io.sealer.it.support.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Applies that go wrong, on real OpenSSH hosts with the stub cluster image: a host's sshd killed in the middle (the
 * error names the host; the re-run resumes and repeats no finished step), a changed host key (refused before anything
 * runs), a kubeadm that fails (its output in the error; nothing after it runs; the re-run completes), and hostile
 * cluster names and data roots (refused, nothing on the hosts removed).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ApplyFaultsIntegrationTest extends FixtureTest {
    @RegisterExtension
    static final HostBedExtension BED = HostBedExtension.withHosts(4);

    @Override
    HostBedExtension bed() {
        return BED;
    }

    private static TestHost host(int index) {
        return BED.host(index);
    }

    // ---- a host's sshd dies in the middle ----

    @Test
    void anSshdKilledAfterANodesInitShFailsTheApplyNamingTheHostAndTheRerunResumes() {
        ClusterChecks cluster = new ClusterChecks("killed-early", List.of(host(0)), List.of(host(1), host(2)));
        TestHost victim = host(2);
        ApplyResult rerun = killSshdThenRerun(cluster, victim, "init/init.sh@" + victim.address());

        assertThat(rerun.host(victim.address()).orElseThrow().resumed()).as("finished before the kill")
                .contains("init/init.sh@" + victim.address(), "distribute/rootfs@" + victim.address());
        cluster.assertCalls();
    }

    @Test
    void anSshdKilledAfterKubeadmInitResumesWithoutASecondKubeadmInitAndJoinsWithItsToken() {
        ClusterChecks cluster = new ClusterChecks("killed-late", List.of(host(0)), List.of(host(1), host(2)));
        TestHost victim = host(2);
        String init = "init-master0/kubeadm-init@" + host(0).address();
        ApplyResult rerun = killSshdThenRerun(cluster, victim, init);

        assertThat(rerun.host(host(0).address()).orElseThrow().resumed()).as("kubeadm init is not repeated")
                .contains(init);
        assertThat(rerun.host(host(0).address()).orElseThrow().ran()).doesNotContain(init);
    }

    /**
     * Applies {@code cluster}, killing {@code victim}'s sshd (and every session there) when step {@code trigger}
     * finishes; checks the failure names the victim; restarts sshd and applies again.
     */
    private ApplyResult killSshdThenRerun(ClusterChecks cluster, TestHost victim, String trigger) {
        SealerClient client = fixture.client();
        Clusterfile clusterfile = fixture.load(client, fixture.clusterfile(cluster.name).masters(cluster.masters)
                .nodes(cluster.nodes));
        AtomicBoolean killed = new AtomicBoolean();
        ProgressListener killer = event -> {
            if (event instanceof ProgressEvent.Finished finished
                    && finished.operation().kind() == OperationKind.STEP
                    && finished.operation().subject().step().filter(trigger::equals).isPresent()
                    && killed.compareAndSet(false, true)) {
                victim.killSshd();
            }
        };

        Throwable failure = catchThrowable(() -> client.clusters().apply(clusterfile,
                options().withListener(killer)));

        assertThat(killed).as("step %s finished", trigger).isTrue();
        assertThat(failure).as("the apply fails").isInstanceOf(HostException.class)
                .hasMessageContaining(victim.address());
        assertThat(((HostException) failure).source()).as("the failed host").contains(victim.address());
        assertThat(client.clusters().saved(cluster.name)).as("a failed create saves no cluster").isEmpty();
        Map<String, List<String>> firstRun = completedCommands(cluster.all());

        victim.startSshd();
        ApplyResult rerun = client.clusters().apply(clusterfile, options());

        assertThat(rerun.plan().kind()).isEqualTo("create");
        assertThat(rerun.stepsResumed()).as("steps of the first run are resumed").isPositive();
        Set<String> ran = new HashSet<>();
        Set<String> resumed = new HashSet<>();
        for (HostOutcome outcome : rerun.hosts()) {
            ran.addAll(outcome.ran());
            resumed.addAll(outcome.resumed());
        }
        assertThat(ran).as("no step both resumed and run again").doesNotContainAnyElementsOf(resumed);
        Set<String> planned = rerun.plan().steps().stream().map(PlannedStep::id).collect(Collectors.toSet());
        Set<String> done = new HashSet<>(ran);
        done.addAll(resumed);
        assertThat(done).as("every step ran once over the two runs").isEqualTo(planned);
        for (TestHost host : cluster.all()) {
            assertThat(completedCommands(List.of(host)).get(host.address()))
                    .as("each stub command completed once on %s over both runs%s", host, logs(cluster.all()))
                    .containsExactlyElementsOf(cluster.installCommands(host));
            assertThat(completedCommands(List.of(host)).get(host.address()))
                    .as("the re-run kept what the first run did on %s", host)
                    .startsWith(firstRun.get(host.address()).toArray(String[]::new));
        }
        assertThat(StubLog.calls(host(0), "kubeadm init --config")).hasSize(1);
        cluster.assertOrder();
        cluster.assertFiles(StubClusterImage.TOKEN);
        cluster.assertSaved(client);
        return rerun;
    }

    // ---- a changed host key ----

    @Test
    void aChangedHostKeyIsRefusedBeforeAnythingRunsOnAnyHost() throws IOException {
        // the first apply trusts the keys it meets and records them (no known_hosts line yet)
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        SshSettings accepting = BED.sshSettings().identityFiles(List.of()).knownHosts(knownHosts)
                .acceptNewHostKeys(true).build();
        SshSettings strict = BED.sshSettings().identityFiles(List.of()).knownHosts(knownHosts).build();
        ClusterChecks cluster = new ClusterChecks("host-key", List.of(host(0)), List.of(host(1)));
        SealerClient first = fixture.client(accepting);
        ClusterfileText text = fixture.clusterfile(cluster.name).masters(cluster.masters).nodes(cluster.nodes);
        cluster.assertInstalled(first, first.clusters().apply(fixture.load(first, text), options()));
        fixture.close();
        Map<String, List<String>> before = commandsOf(BED.hosts());
        String knownBefore = Files.readString(knownHosts);
        assertThat(knownBefore).contains(host(0).address(), host(1).address());
        TestHost changed = host(1);

        changed.changeHostKey();

        SealerClient again = fixture.client(strict);
        Throwable join = catchThrowable(() -> again.clusters().join(cluster.name, List.of(),
                List.of(host(2).address()), options()));
        assertRefusedHostKey(join, changed);
        Throwable apply = catchThrowable(() -> again.clusters().apply(fixture.load(again,
                text.nodes(List.of(host(1), host(3)))), options()));
        assertRefusedHostKey(apply, changed);
        Throwable delete = catchThrowable(() -> again.clusters().delete(cluster.name, options()));
        assertRefusedHostKey(delete, changed);
        SealerClient trusting = fixture.client(accepting);
        Throwable acceptingJoin = catchThrowable(() -> trusting.clusters().join(cluster.name, List.of(),
                List.of(host(2).address()), options()));
        assertRefusedHostKey(acceptingJoin, changed);

        assertThat(commandsOf(BED.hosts())).as("nothing ran on any host").isEqualTo(before);
        assertThat(exists(host(2), DATA)).as("nothing reached the new host").isFalse();
        assertThat(exists(host(1), cluster.clusterDir())).isTrue();
        cluster.assertSaved(again);
        assertThat(linesOf(Files.readString(knownHosts), changed)).as("a changed key is never written over the old"
                + " one").isEqualTo(linesOf(knownBefore, changed)).isNotEmpty();
    }

    private static List<String> linesOf(String knownHosts, TestHost host) {
        return knownHosts.lines().filter(l -> l.startsWith(host.address() + " ")).toList();
    }

    private static void assertRefusedHostKey(Throwable failure, TestHost changed) {
        assertThat(failure).isInstanceOf(HostException.class).isNotInstanceOf(HostUnreachableException.class)
                .isNotInstanceOf(StepFailedException.class).hasMessageContaining(changed.address());
        assertThat(((HostException) failure).source()).contains(changed.address());
    }

    // ---- a failing kubeadm ----

    @Test
    void aFailingKubeadmJoinOfTheSecondMasterStopsTheApplyWithItsOutputAndTheRerunCompletes() {
        ClusterChecks cluster = new ClusterChecks("join-fails", List.of(host(0), host(1)), List.of(host(2)), false);
        TestHost failing = host(1);
        failing.check("touch " + StubClusterImage.FAIL_MARKER);
        SealerClient client = fixture.client();
        Clusterfile clusterfile = fixture.load(client, fixture.clusterfile(cluster.name).masters(cluster.masters)
                .nodes(cluster.nodes).registryHa(false));

        StepFailedException failure = failedStep(() -> client.clusters().apply(clusterfile, options()));

        assertThat(failure.step()).isEqualTo("join-masters/kubeadm-join@" + failing.address());
        assertThat(failure.source()).contains(failing.address());
        assertThat(failure.exitStatus()).contains(1);
        assertThat(failure.getMessage()).contains(failing.address(), StubClusterImage.FAILURE_LINE);
        assertThat(failure.lastLines()).anySatisfy(line -> assertThat(line).contains(StubClusterImage.FAILURE_LINE));
        Call join = StubLog.only(failing, "kubeadm join");
        assertThat(join.exitStatus()).contains(1);
        assertThat(StubLog.commands(failing)).as("no registry on master1 (ha: false)")
                .containsExactly(INIT_SH, KUBEADM_JOIN);
        assertThat(StubLog.calls(host(2), "kubeadm join")).as("the node waits for every master: it never joins")
                .isEmpty();
        assertThat(StubLog.calls(host(0), GUEST)).as("the image's CMD never runs").isEmpty();
        assertThat(exists(failing, "/root/.kube/config")).isFalse();
        for (TestHost host : cluster.all()) {
            for (Call call : StubLog.calls(host)) {
                if (!call.equals(join) && call.is("kubeadm")) {
                    assertThat(call.started()).as("%s", call).isLessThan(join.started());
                }
            }
        }
        assertThat(client.clusters().saved(cluster.name)).isEmpty();

        failing.check("rm -f " + StubClusterImage.FAIL_MARKER);
        ApplyResult rerun = client.clusters().apply(clusterfile, options());

        assertThat(rerun.stepsResumed()).isPositive();
        assertThat(rerun.host(host(0).address()).orElseThrow().resumed())
                .contains("init-master0/kubeadm-init@" + host(0).address());
        assertThat(rerun.host(failing.address()).orElseThrow().ran())
                .contains("join-masters/kubeadm-join@" + failing.address());
        assertThat(StubLog.commands(host(0))).containsExactlyElementsOf(cluster.installCommands(host(0)));
        assertThat(StubLog.commands(failing)).containsExactly(INIT_SH, KUBEADM_JOIN, KUBEADM_JOIN);
        assertThat(StubLog.calls(failing, "kubeadm join").get(1).succeeded()).isTrue();
        assertThat(StubLog.commands(host(2))).containsExactlyElementsOf(cluster.installCommands(host(2)));
        cluster.assertFiles(StubClusterImage.TOKEN);
        cluster.assertSaved(client);
    }

    @Test
    void aFailingKubeadmInitStopsTheApplyWithItsOutputBeforeAnyJoin() {
        ClusterChecks cluster = new ClusterChecks("init-fails", List.of(host(0)), List.of(host(1)));
        host(0).check("echo init > " + StubClusterImage.FAIL_MARKER);
        SealerClient client = fixture.client();
        Clusterfile clusterfile = fixture.load(client, fixture.clusterfile(cluster.name).masters(cluster.masters)
                .nodes(cluster.nodes));

        StepFailedException failure = failedStep(() -> client.clusters().apply(clusterfile, options()));

        assertThat(failure.step()).isEqualTo("init-master0/kubeadm-init@" + host(0).address());
        assertThat(failure.exitStatus()).contains(1);
        assertThat(failure.getMessage()).contains(host(0).address(), StubClusterImage.FAILURE_LINE);
        assertThat(StubLog.commands(host(0))).containsExactly(INIT_SH, ApplyFixture.initRegistry(cluster.name),
                KUBEADM_INIT);
        assertThat(StubLog.calls(host(1), "kubeadm")).as("no join without a control plane").isEmpty();
        assertThat(exists(host(0), "/root/.kube/config")).isFalse();
        assertThat(file(host(1), "/etc/kubernetes/kubeadm-join.yaml")).as("no join configuration without a token")
                .isNull();

        host(0).check("rm -f " + StubClusterImage.FAIL_MARKER);
        ApplyResult rerun = client.clusters().apply(clusterfile, options());

        assertThat(rerun.host(host(0).address()).orElseThrow().resumed())
                .contains("init/init.sh@" + host(0).address());
        List<String> master0 = new ArrayList<>(List.of(INIT_SH, ApplyFixture.initRegistry(cluster.name), KUBEADM_INIT,
                KUBEADM_INIT, GUEST));
        assertThat(StubLog.commands(host(0))).containsExactlyElementsOf(master0);
        assertThat(StubLog.commands(host(1))).containsExactlyElementsOf(cluster.installCommands(host(1)));
        cluster.assertFiles(StubClusterImage.TOKEN);
    }

    private static StepFailedException failedStep(Runnable apply) {
        Throwable failure = catchThrowable(apply::run);
        assertThat(failure).isInstanceOf(StepFailedException.class);
        return (StepFailedException) failure;
    }

    // ---- hostile names ----

    @Test
    void hostileClusterNamesAndDataRootsAreRefusedNamingTheFieldAndNothingOnTheHostsIsRemoved() throws IOException {
        ClusterChecks real = new ClusterChecks("real", List.of(host(0)), List.of(host(1)));
        SealerClient client = fixture.client();
        ClusterfileText text = fixture.clusterfile(real.name).masters(real.masters).nodes(real.nodes);
        Clusterfile good = fixture.load(client, text);
        real.assertInstalled(client, client.clusters().apply(good, options()));
        for (TestHost host : BED.hosts()) {
            host.check("mkdir -p " + DATA + "/canary-dir && echo keep > " + DATA + "/canary-dir/file"
                    + " && echo keep > " + DATA + "/canary && echo keep > /var/lib/sealer/canary");
        }
        Map<String, List<String>> before = commandsOf(BED.hosts());
        List<String> imagesBefore = client.images().list().stream().map(Object::toString).toList();

        for (String name : List.of("..", ".", "a/b", "../real", "real/..", "real/../..", " ", "", "/", "-rf",
                "a b", "$(touch /tmp/pwned)", "*", "real;rm -rf /", "..real", "real\nx")) {
            String label = "cluster name '" + name + "'";
            refusedField(label + " in a Clusterfile", "metadata.name", () -> client.clusters().apply(
                    client.clusters().parse("Clusterfile", text.render().replace("name: \"real\"", "name: "
                            + ClusterfileText.quote(name))), options()));
            refusedField(label + " in a Cluster made with the API", "metadata.name",
                    () -> client.clusters().apply(with(good, name, good.cluster().dataRoot()), options()));
            refusedField(label + " planned with the API", "metadata.name",
                    () -> client.clusters().plan(with(good, name, good.cluster().dataRoot())));
            refusedField(label + " deleted", "metadata.name", () -> client.clusters().delete(name, options()));
            refusedField(label + " planned for deletion", "metadata.name",
                    () -> client.clusters().planDelete(name));
            refusedField(label + " scaled down", "metadata.name",
                    () -> client.clusters().remove(name, List.of(host(1).address()), options()));
            refusedField(label + " joined", "metadata.name",
                    () -> client.clusters().join(name, List.of(), List.of(host(2).address()), options()));
            refusedField(label + " given a command", "metadata.name",
                    () -> client.clusters().exec(name, "true", Optional.empty(), options()));
        }
        for (String root : List.of("/", "//", "///", "/var/lib/sealer/data/..", "/var/lib/sealer/data/../..",
                "/var/lib/../../", "relative/dir", "./data", "/var/lib/sealer/data/./x", "/tmp/$(touch /tmp/pwned)",
                "/tmp/a b", "/var/lib/sealer/data/")) {
            String label = "dataRoot '" + root + "'";
            refusedField(label + " in a Clusterfile", "dataRoot", () -> client.clusters().apply(
                    client.clusters().parse("Clusterfile", text.dataRoot(root).render()), options()));
            refusedField(label + " in a Cluster made with the API", "dataRoot",
                    () -> client.clusters().apply(with(good, "real", root), options()));
            refusedField(label + " planned with the API", "dataRoot",
                    () -> client.clusters().plan(with(good, "other", root)));
        }

        assertThat(commandsOf(BED.hosts())).as("nothing ran on any host").isEqualTo(before);
        for (TestHost host : BED.hosts()) {
            assertThat(file(host, DATA + "/canary-dir/file")).as("canary on %s", host).isEqualTo("keep\n");
            assertThat(file(host, DATA + "/canary")).isEqualTo("keep\n");
            assertThat(file(host, "/var/lib/sealer/canary")).isEqualTo("keep\n");
            assertThat(exists(host, "/tmp/pwned")).isFalse();
        }
        for (TestHost host : real.all()) {
            assertThat(exists(host, real.clusterDir() + "/rootfs/scripts/init.sh")).as("the real cluster on %s", host)
                    .isTrue();
        }
        assertThat(Files.exists(Path.of("/tmp/pwned"))).isFalse();
        assertThat(client.clusters().list()).containsExactly(real.name);
        real.assertSaved(client);
        assertThat(client.images().list().stream().map(Object::toString).toList()).isEqualTo(imagesBefore);
    }

    /** Asserts the call is refused with a {@link ClusterfileException} whose field path names {@code field}. */
    private static void refusedField(String what, String field, Runnable call) {
        Throwable failure = catchThrowable(call::run);
        assertThat(failure).as(what).isInstanceOf(ClusterfileException.class);
        assertThat(((ClusterfileException) failure).fieldPath()).as("the field named for %s (%s)", what,
                failure.getMessage()).contains(field);
    }

    /** {@code clusterfile} with another cluster name and data root, as an SDK user can make it (no parser). */
    private static Clusterfile with(Clusterfile clusterfile, String name, String dataRoot) {
        Cluster c = clusterfile.cluster();
        Cluster changed = new Cluster(name, c.apiVersion(), c.image(), c.ssh(), c.env(), c.hosts(), c.cmdArgs(),
                c.cmds(), c.appNames(), c.containerRuntime(), dataRoot, c.hostAliases(), c.registry());
        return new Clusterfile(clusterfile.source(), changed, clusterfile.plugins(), clusterfile.configs(),
                clusterfile.kubeadmDocuments(), clusterfile.otherDocuments(), clusterfile.warnings());
    }

    private static Map<String, List<String>> commandsOf(List<TestHost> hosts) {
        return hosts.stream().collect(Collectors.toMap(TestHost::address, StubLog::commands));
    }

    /** The commands that ran to their end (a command killed with its session has none). */
    private static Map<String, List<String>> completedCommands(List<TestHost> hosts) {
        return hosts.stream().collect(Collectors.toMap(TestHost::address, h -> StubLog.calls(h).stream()
                .filter(c -> c.ended().isPresent()).map(Call::command).toList()));
    }
}
