package io.sealer.api.cluster;

import java.util.List;

/**
 * One {@code spec.hostAliases} entry: a line appended to {@code /etc/hosts} of every host.
 *
 * @param ip the address
 * @param hostnames names that resolve to it
 */
public record HostAlias(String ip, List<String> hostnames) {
    public HostAlias {
        hostnames = List.copyOf(hostnames);
    }
}
