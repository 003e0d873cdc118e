package io.sealer.api.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Cluster} document of a Clusterfile, normalised from either schema (v1 {@code masters}/{@code nodes}, v2
 * {@code hosts} with {@code roles}).
 *
 * @param name cluster name ({@code metadata.name})
 * @param apiVersion the document's apiVersion, kept for information
 * @param image the cluster image to install
 * @param ssh cluster-wide login settings
 * @param env cluster-wide environment in file order (last entry of a key wins), followed by the entries the parser
 *     derives as sealer does ({@code LocalRegistry*}, {@code Registry*}, {@code KubeSvcIP}, {@code DNSSvcIP},
 *     {@code ContainerRuntime}); iteration order is stable
 * @param hosts host groups; their ssh and env are already merged over the cluster's. Empty when the Clusterfile lists
 *     no hosts (they come from elsewhere, such as {@code sealer run -m}); otherwise one has role {@code master}
 * @param cmdArgs {@code cmd_args}/{@code cmdArgs} entries
 * @param cmds {@code cmd} override of the image's commands
 * @param appNames applications to launch, overriding the image's {@code LAUNCH}
 * @param containerRuntime {@code containerRuntime.type}, or empty
 * @param dataRoot directory on hosts under which the cluster's rootfs lives
 * @param hostAliases entries appended to {@code /etc/hosts} of every host ({@code spec.hostAliases})
 * @param registry registry settings with sealer's defaults filled in ({@code spec.registry})
 */
public record Cluster(String name, String apiVersion, String image, SshCredentials ssh, Map<String, String> env,
        List<Host> hosts, List<String> cmdArgs, List<String> cmds, List<String> appNames, String containerRuntime,
        String dataRoot, List<HostAlias> hostAliases, ClusterRegistry registry) {
    /** Default {@link #dataRoot()}. */
    public static final String DEFAULT_DATA_ROOT = "/var/lib/sealer/data";

    public Cluster {
        ssh = ssh == null ? SshCredentials.EMPTY : ssh;
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        hosts = List.copyOf(hosts);
        cmdArgs = List.copyOf(cmdArgs);
        cmds = List.copyOf(cmds);
        appNames = List.copyOf(appNames);
        containerRuntime = containerRuntime == null ? "" : containerRuntime;
        dataRoot = dataRoot == null || dataRoot.isEmpty() ? DEFAULT_DATA_ROOT : dataRoot;
        hostAliases = hostAliases == null ? List.of() : List.copyOf(hostAliases);
        registry = registry == null ? ClusterRegistry.DEFAULT : registry;
    }

    /** All IPs with the role, in file order. */
    public List<String> ipsWithRole(String role) {
        return hosts.stream().filter(h -> h.hasRole(role)).flatMap(h -> h.ips().stream()).toList();
    }

    /** Every IP of the cluster, in file order. */
    public List<String> allIps() {
        return hosts.stream().flatMap(h -> h.ips().stream()).toList();
    }

    /** The host group that contains the IP. */
    public Optional<Host> hostOf(String ip) {
        return hosts.stream().filter(h -> h.ips().contains(ip)).findFirst();
    }

    /**
     * The first IP of the first host group with role {@code master}: the one that runs {@code kubeadm init}. Empty
     * only when the Cluster lists no hosts.
     */
    public Optional<String> master0() {
        return ipsWithRole(Host.ROLE_MASTER).stream().findFirst();
    }
}
