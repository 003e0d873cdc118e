package io.sealer.ssh;

import io.sealer.api.spi.HostConnector;
import io.sealer.api.spi.HostConnectorProvider;
import io.sealer.api.ssh.SshSettings;
import io.sealer.ssh.internal.connect.MinaHostConnector;

/**
 * The SSH adapter's service entry point: host connectors over Apache MINA SSHD. One SSH client per connector, one
 * pooled session per host, port and user, host keys checked against {@code known_hosts}, commands with streamed
 * output and process-group timeouts, directory trees sent as one tar stream. Listed in
 * {@code META-INF/services/io.sealer.api.spi.HostConnectorProvider}.
 */
public final class MinaHostConnectorProvider implements HostConnectorProvider {
    @Override
    public HostConnector create(SshSettings settings) {
        return new MinaHostConnector(settings);
    }
}
