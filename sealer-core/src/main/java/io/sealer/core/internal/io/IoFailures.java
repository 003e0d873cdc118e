package io.sealer.core.internal.io;

import io.sealer.api.StoreException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Turns an {@link IOException} into a {@link StoreException} that names the path and says plainly what went wrong. */
public final class IoFailures {
    private IoFailures() {
    }

    /**
     * @param path the file or directory being worked on
     * @param action what was being done, e.g. {@code "writing layer tar"}
     * @param e the failure
     */
    public static StoreException wrap(Path path, String action, IOException e) {
        return new StoreException(String.valueOf(path), action + " failed: " + describe(e), e);
    }

    /** A short human description of an I/O failure: disk full, permission denied, missing file, or the message. */
    public static String describe(IOException e) {
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left") || lower.contains("disk quota")) {
            return "disk full (" + message + ")";
        }
        if (e instanceof AccessDeniedException || lower.contains("permission denied")) {
            return "permission denied (" + message + ")";
        }
        if (lower.contains("read-only file system")) {
            return "read-only file system (" + message + ")";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory (" + message + ")";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason() + " (" + fse.getFile() + ")";
        }
        return e.getClass().getSimpleName() + ": " + message;
    }
}
