package io.sealer.api.spi;

import io.sealer.api.cluster.Host;
import io.sealer.api.cluster.SshCredentials;

/**
 * Opens sessions to remote hosts. Implemented by {@code sealer-ssh} and listed in
 * {@code META-INF/services/io.sealer.api.spi.HostConnector}. Implementations verify host keys by default and pool
 * one connection per host.
 */
public interface HostConnector extends AutoCloseable {
    /**
     * Connects (or reuses the pooled connection) to {@code address} of {@code host}.
     *
     * @throws io.sealer.api.HostException naming the host when it cannot be reached or authentication fails
     */
    HostSession connect(Host host, String address, SshCredentials credentials);

    @Override
    void close();
}
