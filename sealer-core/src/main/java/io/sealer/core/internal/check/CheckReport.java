package io.sealer.core.internal.check;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@code sealer check}.
 *
 * @param cluster the cluster checks ({@code --post}), when they ran
 * @param hosts the host checks ({@code --pre}), when they ran
 */
public record CheckReport(Optional<ClusterStatus> cluster, Optional<HostStatus> hosts) {
    public CheckReport {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(hosts, "hosts");
    }

    /** True when every check that ran passed. */
    public boolean passed() {
        return cluster.map(ClusterStatus::passed).orElse(true) && hosts.map(HostStatus::passed).orElse(true);
    }

    /** The report as {@code sealer check} prints it; see {@link CheckReportFormatter}. */
    public String format() {
        return CheckReportFormatter.format(this);
    }
}
