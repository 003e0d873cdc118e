package io.sealer.core.internal.kubectl;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A row of {@code kubectl get nodes --no-headers} ({@code NAME STATUS ROLES AGE VERSION}) or of the same with
 * {@code -o wide}, which adds {@code INTERNAL-IP} as the sixth column.
 *
 * @param name the node's name
 * @param status the STATUS column, e.g. {@code Ready}, {@code NotReady} or {@code Ready,SchedulingDisabled}
 * @param internalIp the INTERNAL-IP column; empty without {@code -o wide} or when the node has none
 */
public record NodeRow(String name, String status, Optional<String> internalIp) {
    /** The command listing nodes with their internal IPs. */
    public static final String WIDE_COMMAND = KubectlTables.command("get nodes -o wide --no-headers");
    /** The command listing nodes. */
    public static final String COMMAND = KubectlTables.command("get nodes --no-headers");

    /** True when the node's Ready condition holds (a cordoned node that is Ready counts). */
    public boolean ready() {
        return Arrays.asList(status.split(",")).contains("Ready");
    }

    /** The internal IP, else the name: how a report names the node. */
    public String address() {
        return internalIp.orElse(name);
    }

    /**
     * Parses the output of {@link #COMMAND} or {@link #WIDE_COMMAND}.
     *
     * @throws IllegalArgumentException for a line that is not a node row
     */
    public static List<NodeRow> parse(List<String> lines) {
        return KubectlTables.rows(lines, "kubectl get nodes", 5).stream()
                .map(c -> new NodeRow(c[0], c[1], c.length > 5 ? Optional.of(KubectlTables.valueOrEmpty(c[5]))
                        .filter(ip -> !ip.isEmpty()) : Optional.empty()))
                .toList();
    }
}
