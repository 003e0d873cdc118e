package io.sealer.api.cluster;

/**
 * How to log in to a host. Every field may be {@code null} (unset) so that per-host values can be merged over the
 * cluster's. {@link #toString()} never shows secrets.
 *
 * @param user login user, {@code root} by default
 * @param password password, or {@code null}
 * @param privateKey path of a private key file, or {@code null}
 * @param privateKeyPassword passphrase of the key, or {@code null}
 * @param port SSH port, 22 by default
 */
public record SshCredentials(String user, String password, String privateKey, String privateKeyPassword,
        Integer port) {
    /** No field set. */
    public static final SshCredentials EMPTY = new SshCredentials(null, null, null, null, null);

    /** The fields of this that are unset, taken from {@code fallback}. */
    public SshCredentials mergedOver(SshCredentials fallback) {
        return new SshCredentials(
                user != null ? user : fallback.user,
                password != null ? password : fallback.password,
                privateKey != null ? privateKey : fallback.privateKey,
                privateKeyPassword != null ? privateKeyPassword : fallback.privateKeyPassword,
                port != null ? port : fallback.port);
    }

    /** The user, {@code root} when unset. */
    public String effectiveUser() {
        return user == null || user.isEmpty() ? "root" : user;
    }

    /** The port, 22 when unset. */
    public int effectivePort() {
        return port == null ? 22 : port;
    }

    @Override
    public String toString() {
        return "SshCredentials[user=" + user + ", password=" + (password == null ? "null" : "***")
                + ", privateKey=" + privateKey + ", privateKeyPassword="
                + (privateKeyPassword == null ? "null" : "***") + ", port=" + port + "]";
    }
}
