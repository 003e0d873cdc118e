package io.sealer.api.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group of machines that share roles and settings. The {@code ssh} and {@code env} here are already merged over
 * the cluster's by the parser.
 *
 * @param ips IP addresses (ranges already expanded, IPv6 in canonical form), in order
 * @param roles roles such as {@code master}, {@code node}, or user-defined ones
 * @param ssh login settings for these machines
 * @param env environment for these machines (host entries win over cluster entries); iteration order is stable
 * @param labels node labels to set, in file order
 * @param taints node taints, e.g. {@code key=value:NoSchedule}
 */
public record Host(List<String> ips, List<String> roles, SshCredentials ssh, Map<String, String> env,
        Map<String, String> labels, List<String> taints) {
    /** Role name of control-plane hosts. */
    public static final String ROLE_MASTER = "master";
    /** Role name of worker hosts. */
    public static final String ROLE_NODE = "node";

    public Host {
        ips = List.copyOf(ips);
        roles = List.copyOf(roles);
        ssh = ssh == null ? SshCredentials.EMPTY : ssh;
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        taints = List.copyOf(taints);
    }

    /** True when this group has the role. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
