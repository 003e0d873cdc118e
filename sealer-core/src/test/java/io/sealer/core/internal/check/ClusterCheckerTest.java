package io.sealer.core.internal.check;

import static io.sealer.core.internal.check.CheckReportFormatterTest.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.HostException;
import io.sealer.api.HostUnreachableException;
import io.sealer.api.spi.ExecResult;
import io.sealer.core.internal.kubectl.EndpointsRow;
import io.sealer.core.internal.kubectl.NodeRow;
import io.sealer.core.internal.kubectl.PodRow;
import io.sealer.core.internal.kubectl.ServiceRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterCheckerTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String OS = "   <none>   Ubuntu 22.04.3 LTS   5.15.0-91-generic   containerd://1.6.24";

    private final Map<String, ExecResult> replies = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    private HostExec exec() {
        return (host, command) -> {
            calls.add(host + ": " + command);
            ExecResult reply = replies.getOrDefault(host + ": " + command, replies.get(command));
            if (reply == null) {
                throw new AssertionError("unscripted: " + host + ": " + command);
            }
            return reply;
        };
    }

    private ClusterChecker checker(String... hosts) {
        return new ClusterChecker(exec(), List.of(hosts), "10.0.0.2", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void reply(String command, int status, String... lines) {
        replies.put(command, new ExecResult(status, List.of(lines)));
    }

    private void scriptCluster() {
        reply(NodeRow.WIDE_COMMAND, 0,
                "master-0   Ready      control-plane   10d   v1.27.3   10.0.0.2" + OS,
                "node-1     NotReady   <none>          10d   v1.27.3   10.0.0.3" + OS,
                "node-2     Ready,SchedulingDisabled   <none>   10d   v1.27.3   10.0.0.4" + OS);
        reply(ServiceRow.COMMAND, 0,
                "kube-system   kube-dns     ClusterIP      10.96.0.10    <none>        53/UDP,53/TCP,9153/TCP   10d",
                "default       kubernetes   ClusterIP      10.96.0.1     <none>        443/TCP                  10d",
                "default       web          NodePort       10.96.10.20   <none>        80:30080/TCP             2d",
                "default       alias        ExternalName   <none>        example.com   <none>                   2d");
        reply(EndpointsRow.COMMAND, 0,
                "default       kubernetes   10.0.0.2:6443                                          10d",
                "default       web          <none>                                                 2d",
                "kube-system   kube-dns     10.244.0.2:53,10.244.0.3:53,10.244.0.2:53 + 3 more...   10d");
        reply(PodRow.ALL_NAMESPACES_COMMAND, 0,
                "default       web-7d4b9c-abcde           0/1   CrashLoopBackOff   5 (30s ago)   2d",
                "default       job-xyz-12345              0/1   Completed          0             1d",
                "kube-system   coredns-5d78c9869d-2xq8k   1/1   Running            0             10d",
                "kube-system   etcd-master-0              1/1   Running            0             10d",
                "kube-system   kube-proxy-abcde           0/1   Running            0             10d");
    }

    @Test
    void clusterChecksReadKubectlOnMaster0AndPrintSealersReport() {
        scriptCluster();

        CheckReport report = checker("10.0.0.2").checkCluster();

        ClusterStatus cluster = report.cluster().orElseThrow();
        assertThat(cluster.nodes()).isEqualTo(new NodeStatus(2, 3, List.of("10.0.0.3")));
        assertThat(cluster.services()).containsExactly(
                new NamespaceServices("default", 2, 3, List.of("web")),
                new NamespaceServices("kube-system", 1, 1, List.of()));
        assertThat(cluster.pods()).containsExactly(
                new NamespacePods("default", 1, 2, List.of("web-7d4b9c-abcde")),
                new NamespacePods("kube-system", 2, 3, List.of("kube-proxy-abcde")));
        assertThat(report.passed()).isFalse();
        assertThat(report.hosts()).isEmpty();
        assertThat(calls).allMatch(c -> c.startsWith("10.0.0.2: kubectl "));
        // printed by sealer v0.8.6's templates from the same counts
        assertThat(report.format()).isEqualTo(lines(
                "Cluster Node Status",
                "  ReadyNode: 2/3",
                "  Not Ready Node List:",
                "    NodeIP: 10.0.0.3",
                "  ",
                "Cluster Service Status",
                "  Namespace: default",
                "  HealthService: 2/3",
                "  UnhealthServiceList:",
                "    ServiceName: web",
                "  Namespace: kube-system",
                "  HealthService: 1/1",
                "  UnhealthServiceList:",
                "Cluster Pod Status",
                "  Namespace: default",
                "  RunningPod: 1/2",
                "  Not Running Pod List:",
                "    PodName: web-7d4b9c-abcde",
                "  Namespace: kube-system",
                "  RunningPod: 2/3",
                "  Not Running Pod List:",
                "    PodName: kube-proxy-abcde",
                "  "));
    }

    @Test
    void aHealthyClusterPasses() {
        reply(NodeRow.WIDE_COMMAND, 0, "master-0   Ready   control-plane   1d   v1.27.3   10.0.0.2" + OS);
        reply(ServiceRow.COMMAND, 0, "default   kubernetes   ClusterIP   10.96.0.1   <none>   443/TCP   1d");
        reply(EndpointsRow.COMMAND, 0, "default   kubernetes   10.0.0.2:6443   1d");
        reply(PodRow.ALL_NAMESPACES_COMMAND, 0, "kube-system   etcd-master-0   1/1   Running   0   1d");

        assertThat(checker().checkCluster().passed()).isTrue();
    }

    @Test
    void aKubectlFailureIsAHostErrorOnMaster0() {
        scriptCluster();
        reply(ServiceRow.COMMAND, 1, "The connection to the server 10.0.0.2:6443 was refused");

        assertThatThrownBy(() -> checker().checkCluster())
                .isInstanceOf(HostException.class)
                .hasMessage("10.0.0.2: kubectl get svc -A failed with exit status 1: The connection to the server"
                        + " 10.0.0.2:6443 was refused");
    }

    @Test
    void outputThatIsNoTableIsAHostError() {
        scriptCluster();
        reply(NodeRow.WIDE_COMMAND, 0, "unexpected");

        assertThatThrownBy(() -> checker().checkCluster())
                .isInstanceOf(HostException.class)
                .hasMessageContaining("unexpected line from 'kubectl get nodes': 'unexpected' (expected 5 or more"
                        + " columns)");
    }

    @Test
    void hostChecksFindDuplicateHostnamesSkewedClocksAndUnreachableHosts() {
        long now = NOW.getEpochSecond();
        replies.put("10.0.0.2: uname -n", new ExecResult(0, List.of("master-0")));
        replies.put("10.0.0.2: date +%s", new ExecResult(0, List.of(Long.toString(now + 1))));
        replies.put("10.0.0.3: uname -n", new ExecResult(0, List.of("Last login: yesterday", "MASTER-0")));
        replies.put("10.0.0.3: date +%s", new ExecResult(0, List.of(Long.toString(now - 60))));
        replies.put("10.0.0.4: uname -n", new ExecResult(0, List.of("node-4")));
        replies.put("10.0.0.4: date +%s", new ExecResult(0, List.of("Thu Jan  1 00:00:00 UTC 2026")));
        HostExec exec = exec();
        HostExec withUnreachable = (host, command) -> {
            if (host.equals("10.0.0.5")) {
                throw new HostUnreachableException("10.0.0.5", "connection refused", null);
            }
            return exec.exec(host, command);
        };

        CheckReport report = new ClusterChecker(withUnreachable, List.of("10.0.0.2", "10.0.0.3", "10.0.0.4",
                "10.0.0.5"), "10.0.0.2", Clock.fixed(NOW, ZoneOffset.UTC)).checkHosts();

        HostStatus hosts = report.hosts().orElseThrow();
        assertThat(report.cluster()).isEmpty();
        assertThat(hosts.hosts()).extracting(HostFacts::clockSkew).containsExactly(
                Optional.of(Duration.ofSeconds(1)), Optional.of(Duration.ofSeconds(-60)), Optional.empty(),
                Optional.empty());
        assertThat(hosts.duplicateHostnames()).containsExactly(Map.entry("master-0", List.of("10.0.0.2",
                "10.0.0.3")));
        assertThat(hosts.unsynchronizedHosts()).extracting(HostFacts::host).containsExactly("10.0.0.3");
        assertThat(hosts.failedHosts()).extracting(HostFacts::host).containsExactly("10.0.0.4", "10.0.0.5");
        assertThat(report.passed()).isFalse();
        assertThat(report.format()).isEqualTo(lines(
                "Cluster Host Status",
                "  UniqueHostname: 1/4",
                "  Duplicate Hostname List:",
                "    Hostname: master-0 (HostIP: 10.0.0.2, 10.0.0.3)",
                "  TimeSyncHost: 1/4",
                "  Not Synchronized Host List:",
                "    HostIP: 10.0.0.3 (clock behind by 60s)",
                "  Failed Host List:",
                "    HostIP: 10.0.0.4 (date +%s printed 'Thu Jan  1 00:00:00 UTC 2026', not seconds since the epoch)",
                "    HostIP: 10.0.0.5 (10.0.0.5: connection refused)"));
    }

    @Test
    void checkAllRunsBoth() {
        scriptCluster();
        reply("uname -n", 0, "master-0");
        reply("date +%s", 0, Long.toString(NOW.getEpochSecond()));

        CheckReport report = checker("10.0.0.2").checkAll();

        assertThat(report.cluster()).isPresent();
        assertThat(report.hosts().orElseThrow().passed()).isTrue();
        assertThat(report.format()).startsWith("Cluster Node Status\n").endsWith(lines("Cluster Host Status",
                "  UniqueHostname: 1/1", "  TimeSyncHost: 1/1"));
    }

    @Test
    void tablesSkipKubectlsNoResourcesNotice() {
        assertThat(PodRow.parse(List.of("No resources found in kube-system namespace.", ""), "kube-system")).isEmpty();
        assertThat(NodeRow.parse(List.of("n1   Ready   <none>   1d   v1.27.3")))
                .containsExactly(new NodeRow("n1", "Ready", Optional.empty()));
        assertThat(NodeRow.COMMAND).isEqualTo("kubectl get nodes --no-headers 2>/dev/null || kubectl get nodes"
                + " --no-headers");
    }
}
