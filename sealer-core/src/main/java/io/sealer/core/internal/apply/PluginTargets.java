package io.sealer.core.internal.apply;

import io.sealer.api.ClusterfileException;
import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.Host;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.plugin.Phase;
import io.sealer.core.internal.clusterfile.IpAddresses;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hosts a Plugin document targets in a phase: its {@code on} (v1) or {@code scope} (v2) among the phase's hosts.
 * A selector is a list (split on {@code |} and {@code ,}) of roles ({@code master}, {@code node}, any other role),
 * {@code master0}, IPs and IP ranges; a selector with {@code =} is a label selector over the Clusterfile's host labels
 * ({@code k=v,k2=v2}: all must match). An empty selector targets every host of the phase. The cluster-wide phases of
 * v2 ({@code pre-install}, {@code post-install}, {@code pre-scaleup}, {@code post-scaleup}, {@code pre-uninstall},
 * {@code post-uninstall}, spelled so) run on master0 whatever the selector, as in sealer.
 */
final class PluginTargets {
    private static final Set<Phase> CLUSTER_PHASES = EnumSet.of(Phase.PRE_INSTALL, Phase.POST_INSTALL,
            Phase.PRE_SCALEUP, Phase.POST_SCALEUP, Phase.PRE_UNINSTALL, Phase.POST_UNINSTALL);

    private PluginTargets() {
    }

    static List<String> select(PluginSpec spec, Phase phase, List<String> phaseHosts, Cluster cluster) {
        boolean v2Spelling = spec.actions().stream().filter(a -> Phase.parse(a).filter(phase::equals).isPresent())
                .anyMatch(a -> a.contains("-"));
        String master0 = cluster.master0().orElseThrow();
        if (v2Spelling && CLUSTER_PHASES.contains(phase)) {
            return List.of(master0);
        }
        String selector = spec.scope().trim();
        if (selector.isEmpty()) {
            return phaseHosts;
        }
        Set<String> chosen = selector.contains("=") ? byLabels(spec, selector, cluster)
                : byList(spec, selector, cluster, master0);
        return phaseHosts.stream().filter(chosen::contains).toList();
    }

    private static Set<String> byLabels(PluginSpec spec, String selector, Cluster cluster) {
        Set<String> chosen = new LinkedHashSet<>();
        List<String[]> pairs = java.util.Arrays.stream(selector.split(",")).map(String::trim)
                .filter(p -> !p.isEmpty()).map(p -> p.split("=", 2)).toList();
        for (String[] pair : pairs) {
            if (pair.length != 2 || pair[0].isBlank()) {
                throw invalid(spec, selector, "a label selector is k=v[,k2=v2]");
            }
        }
        for (Host host : cluster.hosts()) {
            Map<String, String> labels = host.labels();
            if (pairs.stream().allMatch(p -> p[1].trim().equals(labels.get(p[0].trim())))) {
                chosen.addAll(host.ips());
            }
        }
        return chosen;
    }

    private static Set<String> byList(PluginSpec spec, String selector, Cluster cluster, String master0) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String raw : selector.split("[|,]")) {
            String token = raw.trim();
            if (token.isEmpty()) {
                continue;
            }
            if (token.equals("master0")) {
                chosen.add(master0);
            } else if (Character.isDigit(token.charAt(0)) || token.contains(":")) {
                try {
                    chosen.addAll(IpAddresses.expand(token, 65_536));
                } catch (IpAddresses.InvalidIpException e) {
                    throw invalid(spec, selector, e.getMessage());
                }
            } else {
                chosen.addAll(cluster.ipsWithRole(token));
            }
        }
        return chosen;
    }

    private static ClusterfileException invalid(PluginSpec spec, String selector, String why) {
        return new ClusterfileException("Plugin " + spec.name(), 0, "spec.scope", "'" + selector + "': " + why);
    }
}
