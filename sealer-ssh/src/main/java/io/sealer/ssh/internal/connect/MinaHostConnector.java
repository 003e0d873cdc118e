package io.sealer.ssh.internal.connect;

import io.sealer.api.HostException;
import io.sealer.api.cluster.SshCredentials;
import io.sealer.api.spi.HostConnector;
import io.sealer.api.spi.HostSession;
import io.sealer.api.ssh.SshSettings;
import io.sealer.ssh.internal.transfer.TreeDigestCache;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link HostConnector} over Apache MINA SSHD: one client, one pooled connection per host, port and user. */
public final class MinaHostConnector implements HostConnector {
    private static final Logger LOG = LoggerFactory.getLogger(MinaHostConnector.class);

    private final SshSettings settings;
    private final SessionFactory sessions;
    private final TreeDigestCache digests = new TreeDigestCache();
    private final ConcurrentMap<HostTarget.Key, HostConnection> pool = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public MinaHostConnector(SshSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sessions = new SessionFactory(settings);
    }

    @Override
    public HostSession connect(String address, SshCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        if (closed) {
            throw new IllegalStateException("the host connector was closed");
        }
        HostTarget target;
        try {
            target = HostTarget.of(address, credentials);
        } catch (IllegalArgumentException e) {
            throw new HostException(String.valueOf(address), e.getMessage(), null);
        }
        HostConnection connection = pool.computeIfAbsent(target.key(),
                key -> new HostConnection(target, credentials, sessions, settings, digests));
        connection.useCredentials(credentials);
        connection.session();
        return new MinaHostSession(connection);
    }

    @Override
    public void close() {
        closed = true;
        pool.values().forEach(HostConnection::close);
        pool.clear();
        sessions.close();
        LOG.debug("host connector closed");
    }
}
