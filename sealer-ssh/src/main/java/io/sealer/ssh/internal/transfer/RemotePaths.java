package io.sealer.ssh.internal.transfer;

/** Checks of remote paths given to transfers. */
public final class RemotePaths {
    private RemotePaths() {
    }

    /**
     * {@code path} without trailing slashes.
     *
     * @throws IllegalArgumentException when it is empty, the root, {@code .} or {@code ..}, or holds a newline or NUL
     */
    public static String normalise(String path) {
        String trimmed = path;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty() || trimmed.equals("/") || trimmed.equals(".") || trimmed.equals("..")
                || trimmed.endsWith("/.") || trimmed.endsWith("/..")) {
            throw new IllegalArgumentException("\"" + path + "\" cannot be a transfer's target");
        }
        if (trimmed.indexOf('\n') >= 0 || trimmed.indexOf('\r') >= 0 || trimmed.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a remote path holds no newline or NUL");
        }
        return trimmed;
    }
}
