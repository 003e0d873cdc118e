package io.sealer.api.registry;

import java.util.Objects;

/**
 * A user name and password (or identity token) for one registry. {@link #toString()} never shows the secret.
 *
 * @param username user name
 * @param password password or token
 */
public record RegistryCredentials(String username, String password) {
    public RegistryCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", password=***]";
    }
}
