package io.sealer.core.internal.check;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The text {@code sealer check} prints. The cluster part is byte for byte what sealer v0.8.6's checker templates
 * print ({@code pkg/checker/{node,svc,pod}_checker.go}, in that order, trailing-space lines included); the host part,
 * which sealer never printed, follows in the same style:
 *
 * <pre>
 * Cluster Host Status
 *   UniqueHostname: 2/3
 *   Duplicate Hostname List:
 *     Hostname: node-1 (HostIP: 10.0.0.2, 10.0.0.3)
 *   TimeSyncHost: 2/3
 *   Not Synchronized Host List:
 *     HostIP: 10.0.0.4 (clock ahead by 75s)
 *   Failed Host List:
 *     HostIP: 10.0.0.5 (uname -n failed with exit status 1: ...)
 * </pre>
 */
public final class CheckReportFormatter {
    private CheckReportFormatter() {
    }

    /** The whole report: the cluster part, then the host part, for the checks that ran. */
    public static String format(CheckReport report) {
        StringBuilder text = new StringBuilder();
        report.cluster().ifPresent(c -> text.append(nodes(c.nodes())).append(services(c.services()))
                .append(pods(c.pods())));
        report.hosts().ifPresent(h -> text.append(hosts(h)));
        return text.toString();
    }

    /** sealer's {@code node_checker} template. */
    static String nodes(NodeStatus status) {
        StringBuilder text = new StringBuilder("Cluster Node Status\n  ReadyNode: ").append(status.readyCount())
                .append('/').append(status.nodeCount()).append("\n  ");
        if (!status.notReadyNodes().isEmpty()) {
            text.append("Not Ready Node List:");
            status.notReadyNodes().forEach(ip -> text.append("\n    NodeIP: ").append(ip));
            text.append("\n  ");
        }
        return text.append('\n').toString();
    }

    /** sealer's {@code pod_checker} template. */
    static String pods(List<NamespacePods> namespaces) {
        StringBuilder text = new StringBuilder("Cluster Pod Status\n  ");
        for (NamespacePods ns : namespaces) {
            text.append("Namespace: ").append(ns.namespace()).append("\n  RunningPod: ").append(ns.runningCount())
                    .append('/').append(ns.podCount()).append("\n  ");
            if (!ns.notRunningPods().isEmpty()) {
                text.append("Not Running Pod List:");
                ns.notRunningPods().forEach(pod -> text.append("\n    PodName: ").append(pod));
                text.append("\n  ");
            }
        }
        return text.append('\n').toString();
    }

    /** sealer's {@code svc_checker} template. */
    static String services(List<NamespaceServices> namespaces) {
        StringBuilder text = new StringBuilder("Cluster Service Status");
        for (NamespaceServices ns : namespaces) {
            text.append("\n  Namespace: ").append(ns.namespace()).append("\n  HealthService: ")
                    .append(ns.healthyCount()).append('/').append(ns.serviceCount()).append("\n  UnhealthServiceList:");
            ns.unhealthyServices().forEach(svc -> text.append("\n    ServiceName: ").append(svc));
        }
        return text.append('\n').toString();
    }

    /** The host checks, in the style of sealer's templates. */
    static String hosts(HostStatus status) {
        int total = status.hosts().size();
        StringBuilder text = new StringBuilder("Cluster Host Status\n  UniqueHostname: ")
                .append(status.uniqueHostnameCount()).append('/').append(total).append('\n');
        Map<String, List<String>> duplicates = status.duplicateHostnames();
        if (!duplicates.isEmpty()) {
            text.append("  Duplicate Hostname List:\n");
            duplicates.forEach((name, ips) -> text.append("    Hostname: ").append(name).append(" (HostIP: ")
                    .append(String.join(", ", ips)).append(")\n"));
        }
        text.append("  TimeSyncHost: ").append(status.synchronizedCount()).append('/').append(total).append('\n');
        List<HostFacts> skewed = status.unsynchronizedHosts();
        if (!skewed.isEmpty()) {
            text.append("  Not Synchronized Host List:\n");
            skewed.forEach(h -> text.append("    HostIP: ").append(h.host()).append(" (clock ")
                    .append(skew(h.clockSkew().orElseThrow())).append(")\n"));
        }
        List<HostFacts> failed = status.failedHosts();
        if (!failed.isEmpty()) {
            text.append("  Failed Host List:\n");
            failed.forEach(h -> text.append("    HostIP: ").append(h.host()).append(" (")
                    .append(h.problem().orElseThrow()).append(")\n"));
        }
        return text.toString();
    }

    private static String skew(Duration skew) {
        return (skew.isNegative() ? "behind by " : "ahead by ") + skew.abs().toSeconds() + "s";
    }
}
