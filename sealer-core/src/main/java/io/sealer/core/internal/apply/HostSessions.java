package io.sealer.core.internal.apply;

import io.sealer.api.spi.HostSession;

/** The sessions of a cluster's hosts, opened on first use with each host's credentials and reused. */
public interface HostSessions {
    /**
     * The session to {@code host}.
     *
     * @throws io.sealer.api.HostUnreachableException when the host cannot be reached (may be retried)
     * @throws io.sealer.api.HostException when it refuses the login or its host key is not trusted
     */
    HostSession session(String host);
}
