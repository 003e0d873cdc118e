package io.sealer.ssh.internal.hostkey;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/** Public host keys as OpenSSH shows them: type, wire blob, {@code SHA256:} fingerprint, {@code known_hosts} text. */
public final class HostKeys {
    private HostKeys() {
    }

    /** The key's type: {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}, {@code ssh-rsa}, ... */
    public static String type(PublicKey key) {
        return KeyUtils.getKeyType(key);
    }

    /** The key in SSH wire format (what {@code known_hosts} holds in base64). */
    public static byte[] blob(PublicKey key) {
        ByteArrayBuffer buffer = new ByteArrayBuffer();
        buffer.putRawPublicKey(key);
        return buffer.getCompactData();
    }

    /** The fingerprint as {@code ssh-keygen -l} prints it: {@code SHA256:} and unpadded base64. */
    public static String fingerprint(byte[] blob) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The line {@code ssh-keyscan} writes for {@code key} of {@code target}: {@code name type base64}. */
    public static String knownHostsLine(HostKeyTarget target, PublicKey key) {
        return target.knownHostsName() + " " + PublicKeyEntry.toString(key);
    }

    /** The key type a host-key signature algorithm belongs to ({@code rsa-sha2-512} is an {@code ssh-rsa} key). */
    public static String keyTypeOfAlgorithm(String algorithm) {
        return algorithm.equals("rsa-sha2-256") || algorithm.equals("rsa-sha2-512") ? "ssh-rsa" : algorithm;
    }

    /** A blob as text for a log: its fingerprint. */
    static String describe(String type, byte[] blob) {
        return type + " " + fingerprint(blob);
    }
}
