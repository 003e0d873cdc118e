package io.sealer.ssh.internal.connect;

import io.sealer.api.cluster.SshCredentials;
import java.util.Objects;

/**
 * Where and as whom to log in: the address as the caller gave it, the host and port it names (a port in the address
 * wins over the credentials' port), and the user. Connections are pooled by host, port and user.
 *
 * @param address the address as given ({@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6 address)
 * @param host the host name or address
 * @param port the SSH port
 * @param user the login user
 */
public record HostTarget(String address, String host, int port, String user) {
    public HostTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        if (host.isBlank()) {
            throw new IllegalArgumentException("a host address is needed");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid SSH port " + port + " for " + address);
        }
    }

    /** The target of {@code address} with {@code credentials}' user and port. */
    public static HostTarget of(String address, SshCredentials credentials) {
        Objects.requireNonNull(address, "address");
        String text = address.strip();
        String host = text;
        int port = credentials.effectivePort();
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("invalid host address \"" + address + "\"");
            }
            host = text.substring(1, close);
            if (text.length() > close + 1) {
                port = port(address, text.substring(close + 1));
            }
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = port(address, text.substring(text.indexOf(':')));
        }
        return new HostTarget(text, host, port, credentials.effectiveUser());
    }

    private static int port(String address, String suffix) {
        if (!suffix.startsWith(":")) {
            throw new IllegalArgumentException("invalid host address \"" + address + "\"");
        }
        try {
            return Integer.parseInt(suffix.substring(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port in host address \"" + address + "\"");
        }
    }

    /** What connections are pooled by. */
    public Key key() {
        return new Key(host, port, user);
    }

    /** {@code user@host:port}. */
    @Override
    public String toString() {
        return user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * A pooled connection's identity.
     *
     * @param host the host
     * @param port the port
     * @param user the user
     */
    public record Key(String host, int port, String user) {
    }
}
