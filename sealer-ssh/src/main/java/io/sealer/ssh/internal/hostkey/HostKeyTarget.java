package io.sealer.ssh.internal.hostkey;

import org.apache.sshd.client.config.hosts.KnownHostHashValue;
import org.apache.sshd.common.AttributeRepository.AttributeKey;

/**
 * The host name and port a connection was asked for, as {@code known_hosts} names it: the address as given (not
 * resolved), {@code [host]:port} for a port other than 22. Travels in the connection context of a session.
 *
 * @param host the host name or address as given
 * @param port the SSH port
 */
public record HostKeyTarget(String host, int port) {
    /** Where a session's connection context keeps it. */
    public static final AttributeKey<HostKeyTarget> KEY = new AttributeKey<>();

    /** The name {@code known_hosts} and {@code ssh-keygen -R} use: {@code host} or {@code [host]:port}. */
    public String knownHostsName() {
        return KnownHostHashValue.createHostPattern(host, port);
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
