package io.sealer.ssh.internal.connect;

import io.sealer.api.HostException;
import io.sealer.api.cluster.SshCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The private keys a login offers: the credentials' key (a file, {@code ~/}-relative paths allowed, or the key's text
 * itself) with its passphrase, which must load; else every identity file of the settings that exists and loads
 * (with the credentials' passphrase, if any); OpenSSH, PEM and PKCS#8 keys of types ed25519, ecdsa and rsa.
 *
 * @param keys the key pairs
 * @param names where they came from, for messages
 */
public record Identities(List<KeyPair> keys, List<String> names) {
    private static final Logger LOG = LoggerFactory.getLogger(Identities.class);

    public Identities {
        keys = List.copyOf(keys);
        names = List.copyOf(names);
    }

    /**
     * The keys for {@code credentials}.
     *
     * @throws HostException naming {@code host} and the key when the credentials' key cannot be read or decrypted
     */
    public static Identities load(String host, SshCredentials credentials, List<Path> identityFiles) {
        List<KeyPair> keys = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String passphrase = credentials.privateKeyPassword();
        String key = credentials.privateKey();
        if (key != null && !key.isBlank()) {
            boolean inline = key.strip().startsWith("-----BEGIN");
            String name = inline ? "the private key given inline" : expand(key).toString();
            try {
                keys.addAll(inline ? parse(name, key.getBytes(StandardCharsets.UTF_8), passphrase)
                        : parse(name, Files.readAllBytes(expand(key)), passphrase));
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new HostException(host, "cannot use the private key " + name + ": " + reason(e, passphrase),
                        null);
            }
            names.add(name);
            return new Identities(keys, names);
        }
        for (Path file : identityFiles) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                keys.addAll(parse(file.toString(), Files.readAllBytes(file), passphrase));
                names.add(file.toString());
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                LOG.debug("{}: skipping the identity file {}: {}", host, file, reason(e, passphrase));
            }
        }
        return new Identities(keys, names);
    }

    private static List<KeyPair> parse(String name, byte[] bytes, String passphrase)
            throws IOException, GeneralSecurityException {
        FilePasswordProvider provider = passphrase == null ? FilePasswordProvider.EMPTY
                : FilePasswordProvider.of(passphrase);
        List<KeyPair> pairs = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(name), in,
                    provider);
            if (loaded != null) {
                loaded.forEach(pairs::add);
            }
        }
        if (pairs.isEmpty()) {
            throw new IOException("no private key found in it");
        }
        return pairs;
    }

    private static Path expand(String path) {
        String text = path.strip();
        if (text.equals("~") || text.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"), text.substring(1).replaceFirst("^/", ""));
        }
        return Path.of(text);
    }

    private static String reason(Exception e, String passphrase) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (passphrase != null && !passphrase.isEmpty()) {
            message = message.replace(passphrase, "***");
        }
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("password") || lower.contains("passphrase") || lower.contains("decrypt")
                || lower.contains("padding") || lower.contains("check")) {
            return "wrong or missing passphrase (" + message + ")";
        }
        return message;
    }
}
