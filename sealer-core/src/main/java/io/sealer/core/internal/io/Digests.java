package io.sealer.core.internal.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one SHA-256 helper: digests as 64 lower-case hex digits or in the {@code sha256:<hex>} form used for layer,
 * image and build-cache ids. Text is hashed as UTF-8.
 */
public final class Digests {
    /** Prefix of the {@code sha256:<hex>} form. */
    public static final String SHA256_PREFIX = "sha256:";

    private Digests() {
    }

    /** A new SHA-256 digest, for hashing while streaming. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The 64 hex digits of the SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** The 64 hex digits of the SHA-256 of {@code text} in UTF-8. */
    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code sha256:<hex>} of {@code bytes}. */
    public static String sha256Id(byte[] bytes) {
        return SHA256_PREFIX + sha256Hex(bytes);
    }

    /** {@code sha256:<hex>} of {@code text} in UTF-8. */
    public static String sha256Id(String text) {
        return sha256Id(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code sha256:<hex>} of what {@code digest} was fed (which is then reset). */
    public static String idOf(MessageDigest digest) {
        return SHA256_PREFIX + HexFormat.of().formatHex(digest.digest());
    }
}
