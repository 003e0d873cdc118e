package io.sealer.core.internal.plugin.builtin;

import io.sealer.api.plugin.Phase;
import io.sealer.api.plugin.PluginContext;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies per-node rules (LABEL and TAINT lines) through kubectl on master0: for every rule, every one of its IPs
 * that the document targets, with the node's name; nothing in phases without a cluster.
 */
final class NodeRules {
    private NodeRules() {
    }

    /** What one rule does to one node. */
    interface NodeAction<R> {
        void apply(PluginContext context, String master0, String node, String ip, R rule);
    }

    static <R> void apply(PluginContext context, Phase phase, String doing, List<R> rules,
            Function<R, List<String>> ips, NodeAction<R> action) {
        if (Phases.skipWithoutCluster(context, phase, doing)) {
            return;
        }
        Set<String> targets = Ips.canonicalAll(context.hosts());
        NodeNames nodes = new NodeNames(context);
        String master0 = context.master0();
        for (R rule : rules) {
            for (String ip : ips.apply(rule)) {
                if (targets.contains(ip)) {
                    action.apply(context, master0, nodes.of(ip), ip, rule);
                }
            }
        }
    }
}
