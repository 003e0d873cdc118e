package io.sealer.registry.internal.manifest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** sha256 helpers for content-addressed registry data: computing, formatting and checking {@code sha256:<hex>}. */
public final class Digests {
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    private Digests() {
    }

    /** A fresh sha256 {@link MessageDigest}. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** {@code sha256:<hex>} of {@code content}. */
    public static String of(byte[] content) {
        return format(sha256().digest(content));
    }

    /** {@code sha256:<hex>} of a finished digest. */
    public static String format(byte[] digest) {
        return "sha256:" + HexFormat.of().formatHex(digest);
    }

    /** True for a well-formed {@code sha256:<64 lower-case hex>} digest. */
    public static boolean isSha256(String digest) {
        return digest != null && SHA256.matcher(digest).matches();
    }

    /**
     * The hex part of a sha256 digest.
     *
     * @throws IllegalArgumentException when the digest is not a well-formed sha256 digest
     */
    public static String hex(String digest) {
        if (!isSha256(digest)) {
            throw new IllegalArgumentException("expected a digest sha256:<64 hex digits>, got \"" + digest + "\"");
        }
        return digest.substring("sha256:".length());
    }
}
