package io.sealer.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/** Key pairs and OpenSSH private key files for tests. */
final class TestKeys {
    private TestKeys() {
    }

    static KeyPair ed25519() {
        return generate(KeyPairProvider.SSH_ED25519, 256);
    }

    static KeyPair ecdsa() {
        return generate(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
    }

    static KeyPair rsa() {
        return generate(KeyPairProvider.SSH_RSA, 2048);
    }

    private static KeyPair generate(String type, int bits) {
        try {
            return KeyUtils.generateKeyPair(type, bits);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code pair} as an OpenSSH private key ({@code -----BEGIN OPENSSH PRIVATE KEY-----}), encrypted when a
     * passphrase is given (bcrypt KDF, aes256-ctr, as ssh-keygen does). */
    static Path write(Path file, KeyPair pair, String passphrase) throws IOException, GeneralSecurityException {
        OpenSSHKeyEncryptionContext options = null;
        if (passphrase != null) {
            options = new OpenSSHKeyEncryptionContext();
            options.setPassword(passphrase);
            options.setCipherName("AES");
            options.setCipherMode("CTR");
            options.setCipherType("256");
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "test", options, out);
        }
        return file;
    }
}
