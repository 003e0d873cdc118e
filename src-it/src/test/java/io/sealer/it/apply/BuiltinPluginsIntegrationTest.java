package io.sealer.it.apply;

import static io.sealer.it.apply.ApplyFixture.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sealer.api.StepFailedException;
import io.sealer.api.cluster.ApplyResult;
import io.sealer.api.cluster.CheckResult;
import io.sealer.core.SealerClient;
import io.sealer.it.support.HostBedExtension;
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
 * The built-in plugin types on real hosts (HOSTNAME, LABEL, TAINT, CLUSTERCHECK, ETCD; SHELL is in
 * {@link PluginIntegrationTest}), each at its phase, with the commands the stubs record; and {@code sealer check}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BuiltinPluginsIntegrationTest extends FixtureTest {
    @RegisterExtension
    static final HostBedExtension BED = HostBedExtension.withHosts(2);

    @Override
    HostBedExtension bed() {
        return BED;
    }

    private static TestHost host(int index) {
        return BED.host(index);
    }

    private static String plugin(String name, String type, String action, String data) {
        return "apiVersion: sealer.aliyun.com/v1alpha1\nkind: Plugin\nmetadata:\n  name: " + name + "\nspec:\n"
                + "  type: " + type + "\n  action: " + action + "\n  data: |\n"
                + data.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
    }

    @Test
    void everyBuiltInTypeDoesItsJobAtItsPhaseAndCheckReportsTheCluster() throws Exception {
        SealerClient client = fixture.client();
        Path snapshot = dir.resolve("backup/etcd.db");
        Files.createDirectories(snapshot.getParent());
        ClusterfileText text = fixture.clusterfile("builtins").masters(List.of(host(0))).nodes(List.of(host(1)))
                .document(plugin("names", "HOSTNAME", "PreInit", host(0).address() + " master-a\n"
                        + host(1).address() + " Worker-B"))
                .document(plugin("labels", "LABEL", "PostInstall", host(1).address() + " disk=ssd,zone=a"))
                .document(plugin("taints", "TAINT", "PostInstall", host(1).address() + " dedicated=db:NoSchedule\n"
                        + host(1).address() + " old-"))
                .document(plugin("ready", "CLUSTERCHECK", "PostInstall", "timeout: 1m\ninterval: 1s"))
                .document(plugin("backup", "ETCD", "PostInstall", "path: " + snapshot));

        ApplyResult result = client.clusters().apply(fixture.load(client, text), options());

        assertThat(result.plan().kind()).isEqualTo("create");
        assertThat(host(0).check("cat /etc/hostname").stdoutText().strip()).isEqualTo("master-a");
        assertThat(host(1).check("cat /etc/hostname").stdoutText().strip()).as("lower-cased for kubeadm")
                .isEqualTo("worker-b");
        List<String> master0 = StubLog.commands(host(0));
        assertThat(master0).anyMatch(c -> c.startsWith("kubectl label node worker-b") && c.contains("disk=ssd")
                && c.contains("zone=a"));
        assertThat(master0).anyMatch(c -> c.startsWith("kubectl taint node worker-b")
                && c.contains("dedicated=db:NoSchedule"));
        assertThat(master0).anyMatch(c -> c.startsWith("kubectl taint node worker-b") && c.contains("old-"));
        assertThat(master0).anyMatch(c -> c.startsWith("etcdctl") && c.contains("snapshot save"));
        assertThat(StubLog.commands(host(1))).noneMatch(c -> c.startsWith("kubectl label")
                || c.startsWith("etcdctl"));
        assertThat(Files.readString(snapshot)).isEqualTo("stand-in etcd snapshot of master-a\n");
        assertThat(host(0).run("ls /tmp | grep -c sealer-etcd || true").stdoutText().strip()).as("no snapshot left")
                .isIn("0", "");

        CheckResult check = client.clusters().check("builtins", true, true, options());
        assertThat(check.report()).contains("Cluster Node Status", "ReadyNode: 1/1", "Cluster Pod Status",
                "Cluster Service Status");
        assertThat(check.passed()).as(check.report()).isTrue();
    }

    @Test
    void aMalformedTaintFailsItsStepNamingTheDocumentAndLine() {
        SealerClient client = fixture.client();
        ClusterfileText text = fixture.clusterfile("bad-taint").masters(List.of(host(0)))
                .document(plugin("taints", "TAINT", "PostInstall", host(0).address() + " ok=1:NoSchedule\n"
                        + host(0).address() + " addKey1==addValue1:NoSchedule"));

        StepFailedException failure = catchThrowableOfType(() -> client.clusters().apply(fixture.load(client,
                text), options()), StepFailedException.class);

        assertThat(failure.getMessage()).contains("taints", "line 2", "addKey1==addValue1");
        assertThat(StubLog.commands(host(0))).noneMatch(c -> c.startsWith("kubectl taint"));
    }
}
