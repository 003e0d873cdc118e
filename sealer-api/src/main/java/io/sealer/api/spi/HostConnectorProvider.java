package io.sealer.api.spi;

import io.sealer.api.ssh.SshSettings;

/**
 * Service-provider entry point of an SSH adapter, listed in
 * {@code META-INF/services/io.sealer.api.spi.HostConnectorProvider}; {@code sealer-core} finds it with
 * {@link java.util.ServiceLoader}.
 */
public interface HostConnectorProvider {
    /** A connector with these settings. */
    HostConnector create(SshSettings settings);
}
