package io.sealer.api.plugin;

import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.spi.HostConnector;
import java.util.List;

/**
 * What a plugin sees when it runs.
 *
 * @param spec the plugin document that selected this plugin
 * @param cluster the cluster being installed
 * @param hosts IPs the current step targets
 * @param connector opens sessions to those hosts
 * @param rootfs the cluster's rootfs directory on the hosts
 */
public record PluginContext(PluginSpec spec, Cluster cluster, List<String> hosts, HostConnector connector,
        String rootfs) {
    public PluginContext {
        hosts = List.copyOf(hosts);
    }
}
