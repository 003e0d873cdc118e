package io.sealer.core.internal.plugin.builtin;

import io.sealer.api.plugin.PluginContext;
import io.sealer.api.spi.ExecResult;
import io.sealer.core.internal.kubectl.NodeRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node name of a host, for one plugin run: the installer's when it knows it, else the node whose INTERNAL-IP is
 * the host's in {@code kubectl get nodes -o wide} on master0 (listed once, on first need).
 */
final class NodeNames {
    private final PluginContext context;
    private Map<String, String> byIp;

    NodeNames(PluginContext context) {
        this.context = context;
    }

    /** The node name of the host. */
    String of(String ip) {
        Optional<String> known = context.nodeName(ip);
        if (known.isPresent()) {
            return known.get();
        }
        String name = listed().get(Ips.canonical(ip).orElse(ip));
        if (name == null) {
            throw PluginFailures.failed(context.spec(), "no node of the cluster has INTERNAL-IP " + ip + " (kubectl"
                    + " get nodes -o wide on " + context.master0() + " lists " + listed().keySet() + ")", null);
        }
        return name;
    }

    private Map<String, String> listed() {
        if (byIp == null) {
            String master0 = context.master0();
            ExecResult result = context.exec(master0, NodeRow.WIDE_COMMAND);
            if (!result.succeeded()) {
                throw PluginFailures.commandFailed(context.spec(), master0, "listing the nodes (kubectl get nodes)",
                        result);
            }
            List<NodeRow> rows;
            try {
                rows = NodeRow.parse(result.lastLines());
            } catch (IllegalArgumentException e) {
                throw PluginFailures.failed(context.spec(), "listing the nodes on " + master0 + ": " + e.getMessage(),
                        e);
            }
            byIp = new LinkedHashMap<>();
            for (NodeRow row : rows) {
                row.internalIp().ifPresent(ip -> byIp.put(Ips.canonical(ip).orElse(ip), row.name()));
            }
        }
        return byIp;
    }
}
