package io.sealer.it.apply;

import static io.sealer.it.apply.ApplyFixture.CLEAN_SH;
import static io.sealer.it.apply.ApplyFixture.KUBEADM_RESET;
import static io.sealer.it.apply.ApplyFixture.assertNoHostsEntry;
import static io.sealer.it.apply.ApplyFixture.exists;
import static io.sealer.it.apply.ApplyFixture.file;
import static io.sealer.it.apply.ApplyFixture.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.cluster.ApplyResult;
import io.sealer.core.SealerClient;
import io.sealer.it.support.HostBedExtension;
import io.sealer.it.support.StubClusterImage;
import io.sealer.it.support.StubLog;
import io.sealer.it.support.TestHost;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three masters and two nodes of the stub cluster image on real OpenSSH hosts: masters join one at a time. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ApplyHaIntegrationTest extends FixtureTest {
    @RegisterExtension
    static final HostBedExtension BED = HostBedExtension.withHosts(5);

    @Override
    HostBedExtension bed() {
        return BED;
    }

    @Test
    void threeMastersJoinOneAtATimeThenTwoNodesAndDeleteCleansAllFive() {
        List<TestHost> hosts = BED.hosts();
        ClusterChecks cluster = new ClusterChecks("ha", hosts.subList(0, 3), hosts.subList(3, 5));
        SealerClient client = fixture.client();

        ApplyResult result = client.clusters().apply(fixture.load(client,
                fixture.clusterfile(cluster.name).masters(cluster.masters).nodes(cluster.nodes)), options());

        cluster.assertInstalled(client, result);
        for (TestHost master : cluster.masters.subList(1, 3)) {
            assertThat(file(master, "/etc/kubernetes/kubeadm-join.yaml")).as("%s joins the control plane with the"
                    + " certificate key kubeadm init printed", master).contains(StubClusterImage.CERT_KEY);
            assertThat(StubLog.calls(master, "init-registry.sh")).as("sealer's default: a registry on every master")
                    .hasSize(1);
        }
        for (TestHost node : cluster.nodes) {
            assertThat(StubLog.only(node, "kubeadm join").started()).as("nodes join after the last master")
                    .isGreaterThan(StubLog.only(cluster.masters.get(2), "kubeadm join").endedOrFail());
        }
        ClusterChecks.assertNoSecretsIn(fixture.events);

        ApplyResult deleted = client.clusters().delete(cluster.name, options());

        assertThat(deleted.plan().kind()).isEqualTo("delete");
        for (TestHost host : cluster.all()) {
            assertThat(StubLog.commands(host)).as("%s", host).endsWith(KUBEADM_RESET, CLEAN_SH);
            assertThat(StubLog.calls(host, KUBEADM_RESET)).hasSize(1);
            assertThat(exists(host, cluster.clusterDir())).isFalse();
            assertNoHostsEntry(host, "sea.hub");
            assertNoHostsEntry(host, "apiserver.cluster.local");
        }
        assertThat(client.clusters().list()).doesNotContain(cluster.name);
    }
}
