package io.sealer.api.spi;

import io.sealer.api.cluster.SshCredentials;

/**
 * Opens sessions to hosts: one authenticated session per host, pooled and reused. Created by a
 * {@link HostConnectorProvider} (or given to the client builder). Host keys are verified as its
 * {@link io.sealer.api.ssh.SshSettings} say.
 */
public interface HostConnector extends AutoCloseable {
    /**
     * Connects to {@code address} (or reuses the pooled connection to the same host, port and user) with the host's
     * credentials: a private key (with its passphrase), a password (also through keyboard-interactive), or the
     * settings' identity files. The connection is made (or checked) now, so a bad host shows here.
     *
     * @param address {@code host}, {@code host:port} or {@code [v6]:port}; a port given here wins over the
     *     credentials' port
     * @throws io.sealer.api.HostException naming the host when it cannot be reached, its key is unknown or changed, or
     *     authentication fails
     */
    HostSession connect(String address, SshCredentials credentials);

    /** Closes every pooled session. */
    @Override
    void close();
}
