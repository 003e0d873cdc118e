package io.sealer.api.cluster;

import java.util.Objects;

/**
 * {@code spec.registry.externalRegistry}: a registry the user runs. {@link #toString()} never shows the password.
 *
 * @param domain registry domain (required)
 * @param port registry port, or {@code null} for the scheme's default
 * @param username login user, or empty
 * @param password login password, or empty
 */
public record ExternalRegistry(String domain, Integer port, String username, String password) {
    public ExternalRegistry {
        Objects.requireNonNull(domain, "domain");
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    /** {@code domain:port}, or just the domain when no port is set. */
    public String url() {
        return port == null ? domain : domain + ":" + port;
    }

    @Override
    public String toString() {
        return "ExternalRegistry[domain=" + domain + ", port=" + port + ", username=" + username + ", password="
                + (password.isEmpty() ? "" : "***") + "]";
    }
}
