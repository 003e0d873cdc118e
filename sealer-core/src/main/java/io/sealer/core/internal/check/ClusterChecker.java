package io.sealer.core.internal.check;

import io.sealer.api.HostException;
import io.sealer.api.SealerException;
import io.sealer.api.spi.ExecResult;
import io.sealer.core.internal.kubectl.EndpointsRow;
import io.sealer.core.internal.kubectl.NodeRow;
import io.sealer.core.internal.kubectl.PodRow;
import io.sealer.core.internal.kubectl.ServiceRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * sealer's checker ({@code sealer check}), through {@code kubectl} on master0 instead of a kubeconfig on this machine:
 * <ul>
 * <li>nodes ({@code kubectl get nodes -o wide}): how many are Ready, the IPs of the others;</li>
 * <li>pods of each namespace ({@code kubectl get pods -A}): how many run with all containers ready (or completed),
 * the names of the others;</li>
 * <li>services of each namespace ({@code kubectl get svc -A}, {@code kubectl get endpoints -A}): how many have a
 * ready endpoint address, the names of the others;</li>
 * <li>and the host checks sealer wrote for {@code --pre} but never wired: every host's hostname ({@code uname -n})
 * unique, every host's clock ({@code date +%s}) within a minute of this machine's.</li>
 * </ul>
 * Namespaces are listed by name; those without pods (or services) are not listed, where sealer listed them as
 * {@code 0/0}.
 */
public final class ClusterChecker {
    private final HostExec exec;
    private final List<String> hosts;
    private final String master0;
    private final Clock clock;

    /**
     * A checker using this machine's clock.
     *
     * @param exec runs a command on a host
     * @param hosts the cluster's hosts, for the host checks
     * @param master0 where kubectl runs
     */
    public ClusterChecker(HostExec exec, List<String> hosts, String master0) {
        this(exec, hosts, master0, Clock.systemUTC());
    }

    /** A checker comparing host clocks with {@code clock}. */
    public ClusterChecker(HostExec exec, List<String> hosts, String master0, Clock clock) {
        this.exec = Objects.requireNonNull(exec, "exec");
        this.hosts = List.copyOf(hosts);
        this.master0 = Objects.requireNonNull(master0, "master0");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code sealer check --post}: nodes, services and pods. */
    public CheckReport checkCluster() {
        return new CheckReport(Optional.of(clusterStatus()), Optional.empty());
    }

    /** {@code sealer check --pre}: hostnames and clocks of the hosts. */
    public CheckReport checkHosts() {
        return new CheckReport(Optional.empty(), Optional.of(hostStatus()));
    }

    /** Both. */
    public CheckReport checkAll() {
        return new CheckReport(Optional.of(clusterStatus()), Optional.of(hostStatus()));
    }

    /**
     * The cluster checks.
     *
     * @throws HostException naming master0 when kubectl fails there or prints what is not a table
     */
    public ClusterStatus clusterStatus() {
        List<NodeRow> nodes = kubectl(NodeRow.WIDE_COMMAND, "kubectl get nodes -o wide", NodeRow::parse);
        List<String> notReady = nodes.stream().filter(n -> !n.ready()).map(NodeRow::address).toList();
        NodeStatus nodeStatus = new NodeStatus(nodes.size() - notReady.size(), nodes.size(), notReady);
        List<ServiceRow> services = kubectl(ServiceRow.COMMAND, "kubectl get svc -A", ServiceRow::parse);
        List<EndpointsRow> endpoints = kubectl(EndpointsRow.COMMAND, "kubectl get endpoints -A",
                EndpointsRow::parse);
        List<PodRow> pods = kubectl(PodRow.ALL_NAMESPACES_COMMAND, "kubectl get pods -A", PodRow::parseAllNamespaces);
        return new ClusterStatus(nodeStatus, services(services, endpoints), pods(pods));
    }

    private static List<NamespaceServices> services(List<ServiceRow> services, List<EndpointsRow> endpoints) {
        Set<String> withAddresses = new HashSet<>();
        endpoints.stream().filter(EndpointsRow::hasReadyAddresses)
                .forEach(e -> withAddresses.add(e.namespace() + "/" + e.name()));
        Map<String, List<ServiceRow>> byNamespace = services.stream()
                .collect(Collectors.groupingBy(ServiceRow::namespace, TreeMap::new, Collectors.toList()));
        List<NamespaceServices> result = new ArrayList<>();
        byNamespace.forEach((ns, rows) -> {
            List<String> unhealthy = rows.stream()
                    .filter(s -> !s.externalName() && !withAddresses.contains(ns + "/" + s.name()))
                    .map(ServiceRow::name).toList();
            result.add(new NamespaceServices(ns, rows.size() - unhealthy.size(), rows.size(), unhealthy));
        });
        return result;
    }

    private static List<NamespacePods> pods(List<PodRow> pods) {
        Map<String, List<PodRow>> byNamespace = pods.stream()
                .collect(Collectors.groupingBy(PodRow::namespace, TreeMap::new, Collectors.toList()));
        List<NamespacePods> result = new ArrayList<>();
        byNamespace.forEach((ns, rows) -> {
            List<String> notRunning = rows.stream().filter(p -> !p.healthy()).map(PodRow::name).toList();
            result.add(new NamespacePods(ns, rows.size() - notRunning.size(), rows.size(), notRunning));
        });
        return result;
    }

    private <T> List<T> kubectl(String command, String what, Function<List<String>, List<T>> parser) {
        ExecResult result = exec.exec(master0, command);
        if (!result.succeeded()) {
            throw new HostException(master0, what + " failed with exit status " + result.exitStatus()
                    + lastLine(result), null);
        }
        try {
            return parser.apply(result.lastLines());
        } catch (IllegalArgumentException e) {
            throw new HostException(master0, what + ": " + e.getMessage(), e);
        }
    }

    /** The host checks; a host that cannot be reached or fails a command is reported, not thrown. */
    public HostStatus hostStatus() {
        List<HostFacts> facts = new ArrayList<>();
        for (String host : hosts) {
            facts.add(facts(host));
        }
        return new HostStatus(facts);
    }

    private HostFacts facts(String host) {
        List<String> problems = new ArrayList<>();
        Optional<String> hostname = Optional.empty();
        Optional<Duration> skew = Optional.empty();
        try {
            hostname = output(host, "uname -n", problems);
            Instant before = clock.instant();
            Optional<String> date = output(host, "date +%s", problems);
            Instant after = clock.instant();
            if (date.isPresent()) {
                skew = skew(date.get(), before, after, problems);
            }
        } catch (SealerException e) {
            problems.add(e.getMessage());
        }
        return new HostFacts(host, hostname, skew,
                problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems)));
    }

    private Optional<String> output(String host, String command, List<String> problems) {
        ExecResult result = exec.exec(host, command);
        Optional<String> last = result.lastLines().stream().map(String::strip).filter(l -> !l.isEmpty())
                .reduce((a, b) -> b);
        if (!result.succeeded()) {
            problems.add(command + " failed with exit status " + result.exitStatus() + lastLine(result));
            return Optional.empty();
        }
        if (last.isEmpty()) {
            problems.add(command + " printed nothing");
        }
        return last;
    }

    private static Optional<Duration> skew(String date, Instant before, Instant after, List<String> problems) {
        try {
            long remoteMillis = Math.multiplyExact(Long.parseLong(date), 1000L);
            long localMillis = before.toEpochMilli() + (after.toEpochMilli() - before.toEpochMilli()) / 2;
            return Optional.of(Duration.ofMillis(remoteMillis - localMillis));
        } catch (NumberFormatException | ArithmeticException e) {
            problems.add("date +%s printed '" + date + "', not seconds since the epoch");
            return Optional.empty();
        }
    }

    private static String lastLine(ExecResult result) {
        List<String> lines = result.lastLines();
        return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1);
    }
}
