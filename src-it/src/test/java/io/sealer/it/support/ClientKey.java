package io.sealer.it.support;

import io.sealer.api.cluster.SshCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A client key pair the host bed generated with {@code ssh-keygen} (OpenSSH private key format).
 *
 * @param type its type
 * @param privateKey the private key file (mode 0600)
 * @param publicKey the {@code .pub} file beside it
 * @param passphrase the passphrase protecting the private key, if any
 * @param authorized whether the hosts accept it (in root's and every test user's {@code authorized_keys})
 */
public record ClientKey(SshKeyType type, Path privateKey, Path publicKey, Optional<String> passphrase,
        boolean authorized) {
    public ClientKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(passphrase, "passphrase");
    }

    /** The public key as one {@code authorized_keys} line: {@code <type> <base64> <comment>}. */
    public String publicKeyLine() {
        try {
            return Files.readString(publicKey).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Credentials that log {@code user} in with this key on port 22. */
    public SshCredentials credentials(String user) {
        return new SshCredentials(user, null, privateKey.toString(), passphrase.orElse(null), TestHost.SSH_PORT);
    }

    @Override
    public String toString() {
        return "ClientKey[" + type + ", " + privateKey + (passphrase.isPresent() ? ", with passphrase" : "")
                + (authorized ? "" : ", not authorized") + "]";
    }
}
