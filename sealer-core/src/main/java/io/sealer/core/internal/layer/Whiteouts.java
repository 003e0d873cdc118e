package io.sealer.core.internal.layer;

/** Names of OCI whiteout entries: {@code .wh.<name>} deletes {@code name}, {@code .wh..wh..opq} makes a directory opaque. */
public final class Whiteouts {
    /** Prefix of a whiteout file. */
    public static final String PREFIX = ".wh.";
    /** Name of the opaque-directory marker. */
    public static final String OPAQUE = ".wh..wh..opq";

    private Whiteouts() {
    }

    /** The whiteout file name that deletes {@code name}. */
    public static String whiteoutFor(String name) {
        return PREFIX + name;
    }

    /** True when {@code fileName} (a single path segment) is a whiteout or the opaque marker. */
    public static boolean isWhiteout(String fileName) {
        return fileName.startsWith(PREFIX);
    }
}
