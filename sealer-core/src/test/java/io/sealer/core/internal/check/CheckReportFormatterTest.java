package io.sealer.core.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The expected texts were printed by sealer v0.8.6's own templates ({@code pkg/checker/*_checker.go}, run with Go's
 * {@code text/template} on the same data), trailing spaces included.
 */
class CheckReportFormatterTest {
    static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    @Test
    void aHealthyClusterAsSealerPrintsIt() {
        ClusterStatus status = new ClusterStatus(new NodeStatus(1, 1, List.of()),
                List.of(new NamespaceServices("default", 1, 1, List.of())),
                List.of(new NamespacePods("kube-system", 1, 1, List.of())));

        assertThat(CheckReportFormatter.format(new CheckReport(Optional.of(status), Optional.empty()))).isEqualTo(
                lines("Cluster Node Status",
                        "  ReadyNode: 1/1",
                        "  ",
                        "Cluster Service Status",
                        "  Namespace: default",
                        "  HealthService: 1/1",
                        "  UnhealthServiceList:",
                        "Cluster Pod Status",
                        "  Namespace: kube-system",
                        "  RunningPod: 1/1",
                        "  "));
    }

    @Test
    void anEmptyClusterAsSealerPrintsIt() {
        ClusterStatus status = new ClusterStatus(new NodeStatus(0, 0, List.of()), List.of(), List.of());

        assertThat(CheckReportFormatter.format(new CheckReport(Optional.of(status), Optional.empty()))).isEqualTo(
                lines("Cluster Node Status", "  ReadyNode: 0/0", "  ", "Cluster Service Status", "Cluster Pod Status",
                        "  "));
    }

    @Test
    void podsOfSeveralNamespacesAsSealerPrintsThem() {
        assertThat(CheckReportFormatter.pods(List.of(
                new NamespacePods("default", 1, 2, List.of("web-1")),
                new NamespacePods("kube-system", 1, 3, List.of("a", "b")),
                new NamespacePods("x", 1, 1, List.of())))).isEqualTo(lines(
                        "Cluster Pod Status",
                        "  Namespace: default",
                        "  RunningPod: 1/2",
                        "  Not Running Pod List:",
                        "    PodName: web-1",
                        "  Namespace: kube-system",
                        "  RunningPod: 1/3",
                        "  Not Running Pod List:",
                        "    PodName: a",
                        "    PodName: b",
                        "  Namespace: x",
                        "  RunningPod: 1/1",
                        "  "));
    }

    @Test
    void theHostPartListsDuplicatesSkewAndFailures() {
        HostStatus hosts = new HostStatus(List.of(
                new HostFacts("10.0.0.2", Optional.of("node-1"), Optional.of(Duration.ofSeconds(2)), Optional.empty()),
                new HostFacts("10.0.0.3", Optional.of("Node-1"), Optional.of(Duration.ofSeconds(-75)),
                        Optional.empty()),
                new HostFacts("10.0.0.4", Optional.of("node-4"), Optional.of(Duration.ofSeconds(90)),
                        Optional.empty()),
                new HostFacts("10.0.0.5", Optional.empty(), Optional.empty(),
                        Optional.of("uname -n failed with exit status 255: Connection refused"))));

        assertThat(new CheckReport(Optional.empty(), Optional.of(hosts)).format()).isEqualTo(lines(
                "Cluster Host Status",
                "  UniqueHostname: 1/4",
                "  Duplicate Hostname List:",
                "    Hostname: node-1 (HostIP: 10.0.0.2, 10.0.0.3)",
                "  TimeSyncHost: 1/4",
                "  Not Synchronized Host List:",
                "    HostIP: 10.0.0.3 (clock behind by 75s)",
                "    HostIP: 10.0.0.4 (clock ahead by 90s)",
                "  Failed Host List:",
                "    HostIP: 10.0.0.5 (uname -n failed with exit status 255: Connection refused)"));
        assertThat(hosts.passed()).isFalse();
    }

    @Test
    void healthyHostsPrintOnlyTheCounts() {
        HostStatus hosts = new HostStatus(List.of(
                new HostFacts("10.0.0.2", Optional.of("a"), Optional.of(Duration.ofSeconds(59)), Optional.empty()),
                new HostFacts("10.0.0.3", Optional.of("b"), Optional.of(Duration.ofSeconds(-59)), Optional.empty())));

        assertThat(CheckReportFormatter.hosts(hosts)).isEqualTo(lines("Cluster Host Status", "  UniqueHostname: 2/2",
                "  TimeSyncHost: 2/2"));
        assertThat(hosts.passed()).isTrue();
    }
}
