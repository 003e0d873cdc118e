package io.sealer.api.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of an apply, scale or delete that completed.
 *
 * @param plan the plan that was executed
 * @param hosts what was done on each host, in plan order
 * @param took wall-clock time of the execution
 */
public record ApplyResult(ClusterPlan plan, List<HostOutcome> hosts, Duration took) {
    public ApplyResult {
        Objects.requireNonNull(plan, "plan");
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(took, "took");
    }

    /** The outcome on one host. */
    public Optional<HostOutcome> host(String address) {
        return hosts.stream().filter(h -> h.host().equals(address)).findFirst();
    }

    /** Number of steps run by this call. */
    public int stepsRun() {
        return hosts.stream().mapToInt(h -> h.ran().size()).sum();
    }

    /** Number of steps an earlier, interrupted call had already finished. */
    public int stepsResumed() {
        return hosts.stream().mapToInt(h -> h.resumed().size()).sum();
    }
}
