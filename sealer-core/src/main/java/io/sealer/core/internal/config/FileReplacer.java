package io.sealer.core.internal.config;

import io.sealer.api.SealerException;
import io.sealer.core.internal.io.IoFailures;
import io.sealer.core.internal.io.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file by writing a new one next to it and renaming it over the old name. The old file's inode is never
 * opened for writing, so a hard link into the image store keeps the image's content.
 */
final class FileReplacer {
    private static final Set<PosixFilePermission> DEFAULT_MODE = PosixFilePermissions.fromString("rw-r--r--");

    /**
     * Replaces {@code target} (creating missing parent directories) with {@code content}.
     *
     * @param modeFrom the file whose permissions the new file takes; {@code null} for the target's own (or
     *     {@code rw-r--r--} for a new file)
     * @throws SealerException naming the target when it cannot be written
     */
    void replace(Path target, byte[] content, Path modeFrom) {
        Path dir = target.getParent();
        Path part = null;
        try {
            Files.createDirectories(dir);
            part = Files.createTempFile(dir, "." + target.getFileName() + ".", ".sealer-part");
            Files.write(part, content);
            setMode(part, modeFrom != null ? modeFrom : target);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            if (part != null) {
                Trees.deleteQuietly(part);
            }
            throw new SealerException(target.toString(), 0, "writing failed: " + IoFailures.describe(e), e);
        }
    }

    private static void setMode(Path file, Path from) throws IOException {
        try {
            Set<PosixFilePermission> mode = Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)
                    ? Files.getPosixFilePermissions(from, LinkOption.NOFOLLOW_LINKS) : DEFAULT_MODE;
            Files.setPosixFilePermissions(file, mode);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the default mode is all there is
        }
    }
}
