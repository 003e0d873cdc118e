package io.sealer.core.internal.apply;

import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.Host;
import io.sealer.api.cluster.SshCredentials;
import io.sealer.api.spi.HostConnector;
import io.sealer.api.spi.HostSession;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link HostSessions} over a {@link HostConnector}: each host logs in with its group's SSH settings merged over the
 * cluster's; a session, once open, is reused. A failed login is not remembered, so a retry tries again.
 */
final class ConnectorSessions implements HostSessions, AutoCloseable {
    private final HostConnector connector;
    private final Cluster cluster;
    private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();

    ConnectorSessions(HostConnector connector, Cluster cluster) {
        this.connector = connector;
        this.cluster = cluster;
    }

    @Override
    public HostSession session(String host) {
        return slots.computeIfAbsent(host, h -> new Slot()).get(host);
    }

    /** The login settings of a host. */
    SshCredentials credentials(String host) {
        return cluster.hostOf(host).map(Host::ssh).map(s -> s.mergedOver(cluster.ssh())).orElse(cluster.ssh());
    }

    @Override
    public void close() {
        for (Slot slot : slots.values()) {
            slot.close();
        }
    }

    private final class Slot {
        private HostSession session;

        synchronized HostSession get(String host) {
            if (session == null) {
                session = connector.connect(host, credentials(host));
            }
            return session;
        }

        synchronized void close() {
            if (session != null) {
                session.close();
            }
        }
    }
}
