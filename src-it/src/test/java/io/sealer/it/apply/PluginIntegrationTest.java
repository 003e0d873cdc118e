package io.sealer.it.apply;

import static io.sealer.it.apply.ApplyFixture.KUBEADM_INIT;
import static io.sealer.it.apply.ApplyFixture.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sealer.api.PluginException;
import io.sealer.api.StepFailedException;
import io.sealer.api.cluster.ApplyResult;
import io.sealer.api.cluster.ClusterPlan;
import io.sealer.api.build.BuildRequest;
import io.sealer.api.cluster.PlannedStep;
import io.sealer.api.event.ProgressEvent;
import io.sealer.core.SealerClient;
import io.sealer.it.support.HostBedExtension;
import io.sealer.it.support.StubClusterImage;
import io.sealer.it.support.StubLog;
import io.sealer.it.support.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plugins on real hosts: SHELL documents of both phase vocabularies with {@code on}/{@code scope} selections fire at
 * their points of the install on the hosts they select; a failing plugin stops the install, names itself, and a fixed
 * re-run resumes; an unknown type is refused before anything runs.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PluginIntegrationTest extends FixtureTest {
    private static final String PLUGIN_LOG = "/var/lib/sealer/plugin.log";

    @RegisterExtension
    static final HostBedExtension BED = HostBedExtension.withHosts(3);

    @Override
    HostBedExtension bed() {
        return BED;
    }

    private static TestHost host(int index) {
        return BED.host(index);
    }

    private static String shell(String name, String action, String selectorField, String selector, String data) {
        return "apiVersion: sealer.io/v1\nkind: Plugin\nmetadata:\n  name: " + name + "\nspec:\n  type: SHELL\n"
                + "  action: " + action + "\n" + (selector == null ? "" : "  " + selectorField + ": " + selector
                + "\n") + "  data: |\n    " + data + "\n";
    }

    private static String record(String label) {
        return "echo \"" + label + " $(pwd)\" >> " + PLUGIN_LOG;
    }

    private static List<String> pluginLog(TestHost host) {
        return ApplyFixture.exists(host, PLUGIN_LOG) ? ApplyFixture.file(host, PLUGIN_LOG).lines().toList()
                : List.of();
    }

    @Test
    void shellPluginsOfBothVocabulariesRunAtTheirPhasesOnTheHostsTheySelect() {
        SealerClient client = fixture.client();
        String rootfs = ApplyFixture.rootfs("plugins");
        ClusterfileText text = fixture.clusterfile("plugins").masters(List.of(host(0)))
                .nodes(List.of(host(1), host(2)))
                .document(shell("v1-nodes", "PreInit|PostInstall", "on", "node", record("v1-nodes")))
                .document(shell("v2-master", "pre-init-host|post-install", "scope", "master", record("v2-master")))
                .document(shell("by-ip", "PostInstall", "on", host(2).address(), record("by-ip")))
                .document(shell("originally", "Originally", "on", "master0", record("originally")));

        ClusterPlan plan = client.clusters().plan(fixture.load(client, text));
        assertThat(plan.steps()).filteredOn(s -> s.kind().equals("hook")).extracting(PlannedStep::id)
                .contains("hook/Originally/originally@" + host(0).address(),
                        "hook/PreInit/v1-nodes@" + host(0).address(),
                        "hook/PostInstall/v2-master@" + host(0).address());

        ApplyResult result = client.clusters().apply(fixture.load(client, text), options());

        assertThat(result.plan().kind()).isEqualTo("create");
        List<String> master0 = pluginLog(host(0));
        assertThat(master0).hasSize(3);
        assertThat(master0.get(0)).as("Originally runs before the rootfs is there, without cd")
                .startsWith("originally ").doesNotContain(rootfs);
        assertThat(master0.subList(1, 3)).containsExactly(
                "v2-master " + rootfs,        // pre-init-host, on masters
                "v2-master " + rootfs);       // post-install: a cluster phase, master0 only
        assertThat(pluginLog(host(1))).containsExactly("v1-nodes " + rootfs, "v1-nodes " + rootfs);
        assertThat(pluginLog(host(2))).containsExactly("v1-nodes " + rootfs, "v1-nodes " + rootfs,
                "by-ip " + rootfs);
    }

    @Test
    void aFailingPluginStopsTheInstallNamingItselfAndAFixedRerunResumes() {
        SealerClient client = fixture.client();
        String gate = "/var/lib/sealer/plugin-may-pass";
        ClusterfileText text = fixture.clusterfile("failing").masters(List.of(host(0))).nodes(List.of(host(1)))
                .document(shell("gatekeeper", "PreInit", "on", "master", "test -f " + gate + " && "
                        + record("gatekeeper")));

        StepFailedException failure = catchThrowableOfType(() -> client.clusters().apply(fixture.load(client,
                text), options()), StepFailedException.class);

        assertThat(failure).as("the apply fails").isNotNull();
        assertThat(failure.getMessage()).contains("gatekeeper", "SHELL", "PreInit", host(0).address());
        assertThat(StubLog.commands(host(0))).as("kubeadm init comes after PreInit: it did not run")
                .doesNotContain(KUBEADM_INIT);

        host(0).check("touch " + gate);
        ApplyResult again = client.clusters().apply(fixture.load(client, text), options());

        assertThat(again.stepsResumed()).isPositive();
        assertThat(pluginLog(host(0))).hasSize(1);
        assertThat(StubLog.commands(host(0)).stream().filter(KUBEADM_INIT::equals)).hasSize(1);
        assertThat(StubLog.commands(host(0)).stream().filter(c -> c.startsWith("init.sh"))).as("not repeated")
                .hasSize(1);
    }

    @Test
    void theDocsListNodesPluginShippedInAnImageRunsAtPostInstallOnMaster0() throws Exception {
        Path context = Files.createDirectories(dir.resolve("list-nodes-image"));
        Files.copy(Path.of(System.getProperty("sealer.examples.dir"), "list-nodes-plugin", "list_nodes.yaml"),
                context.resolve("list_nodes.yaml"));
        PluginJars.listNodes(context.resolve("list-nodes.jar"));
        Files.writeString(context.resolve("Kubefile"), "FROM " + StubClusterImage.IMAGE + "\n"
                + "COPY list_nodes.yaml plugins\nCOPY list-nodes.jar plugins\n");
        SealerClient client = fixture.client();
        client.builds().build(BuildRequest.builder(context).tag("it/list-nodes:1").cacheImages(false).build());
        ClusterfileText text = fixture.clusterfile("list-nodes").image("it/list-nodes:1")
                .masters(List.of(host(0))).nodes(List.of(host(1)));

        ApplyResult result = client.clusters().apply(fixture.load(client, text), options());

        String hook = "hook/PostInstall/list_nodes@" + host(0).address();
        assertThat(result.host(host(0).address()).orElseThrow().ran()).contains(hook);
        assertThat(StubLog.commands(host(0))).endsWith("kubectl get nodes");
        assertThat(StubLog.commands(host(1))).doesNotContain("kubectl get nodes");
        List<String> lines = fixture.events.stream().filter(ProgressEvent.LogLine.class::isInstance)
                .map(ProgressEvent.LogLine.class::cast)
                .filter(l -> l.operation().subject().step().filter(st -> st.startsWith(hook)).isPresent()
                        || l.operation().subject().host().filter(host(0).address()::equals).isPresent())
                .map(ProgressEvent.LogLine::line).toList();
        assertThat(lines).anyMatch(l -> l.startsWith("NAME") && l.contains("STATUS"));
    }

    @Test
    void anUnknownPluginTypeIsRefusedBeforeAnythingRuns() {
        SealerClient client = fixture.client();
        ClusterfileText text = fixture.clusterfile("unknown-type").masters(List.of(host(0)))
                .document("apiVersion: sealer.io/v1\nkind: Plugin\nmetadata:\n  name: mystery\nspec:\n"
                        + "  type: NO_SUCH_TYPE\n  action: PostInstall\n  data: x\n");

        PluginException failure = catchThrowableOfType(() -> client.clusters().apply(fixture.load(client, text),
                options()), PluginException.class);

        assertThat(failure.getMessage()).contains("mystery", "NO_SUCH_TYPE", "SHELL", "TAINT");
        assertThat(StubLog.commands(host(0))).isEmpty();
    }
}
