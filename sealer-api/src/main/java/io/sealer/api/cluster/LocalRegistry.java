package io.sealer.api.cluster;

import java.util.List;

/**
 * {@code spec.registry.localRegistry}: the registry sealer starts on the masters. {@link #toString()} never shows the
 * password.
 *
 * @param domain registry domain, {@code sea.hub} by default
 * @param port registry port, 5000 by default
 * @param username htpasswd user, or empty for no authentication
 * @param password htpasswd password, or empty
 * @param ha run the registry on every master (default) instead of master0 only
 * @param insecure serve plain HTTP
 * @param certDnsNames extra DNS names for the registry certificate ({@code cert.subjectAltName.dnsNames})
 * @param certIps extra IPs for the registry certificate ({@code cert.subjectAltName.ips})
 */
public record LocalRegistry(String domain, int port, String username, String password, boolean ha, boolean insecure,
        List<String> certDnsNames, List<String> certIps) {
    /** Default {@link #domain()}. */
    public static final String DEFAULT_DOMAIN = "sea.hub";
    /** Default {@link #port()}. */
    public static final int DEFAULT_PORT = 5000;
    /** {@code sea.hub:5000}, HA, TLS, no authentication. */
    public static final LocalRegistry DEFAULT =
            new LocalRegistry(DEFAULT_DOMAIN, DEFAULT_PORT, "", "", true, false, List.of(), List.of());

    public LocalRegistry {
        domain = domain == null || domain.isEmpty() ? DEFAULT_DOMAIN : domain;
        port = port == 0 ? DEFAULT_PORT : port;
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        certDnsNames = List.copyOf(certDnsNames);
        certIps = List.copyOf(certIps);
    }

    /** {@code domain:port}. */
    public String url() {
        return domain + ":" + port;
    }

    @Override
    public String toString() {
        return "LocalRegistry[domain=" + domain + ", port=" + port + ", username=" + username + ", password="
                + (password.isEmpty() ? "" : "***") + ", ha=" + ha + ", insecure=" + insecure + ", certDnsNames="
                + certDnsNames + ", certIps=" + certIps + "]";
    }
}
