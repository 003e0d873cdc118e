package io.sealer.core.internal.apply.state;

import io.sealer.core.internal.io.IoFailures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * Files and directories only their owner may read: mode 0600 and 0700 from the moment they exist, where the file
 * system has POSIX permissions.
 */
final class PrivateFiles {
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Creates {@code dir} with mode 0700 (its parents as usual) unless it exists. */
    static void createDirectory(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                return;
            }
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, attributes(dir, DIR_MODE));
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(dir)) {
                    throw e;
                }
            }
        } catch (IOException e) {
            throw IoFailures.wrap(dir, "creating the directory", e);
        }
    }

    /** Creates {@code file} empty with mode 0600 unless it exists; returns it. */
    static Path create(Path file) throws IOException {
        try {
            Files.createFile(file, attributes(file, FILE_MODE));
        } catch (FileAlreadyExistsException e) {
            // kept: the caller decides what to do with its content
        }
        return file;
    }

    /**
     * Replaces {@code target} with {@code content} atomically: a file of mode 0600 beside it, forced to disk, renamed
     * over it.
     */
    static void writeAtomically(Path target, byte[] content) {
        Path part = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            Files.createFile(part, attributes(part, FILE_MODE));
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(target.getParent());
        } catch (IOException e) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // the part file is garbage either way
            }
            throw IoFailures.wrap(target, "writing", e);
        }
    }

    /** Sets mode 0600 on an existing file (a file left by an older version, or by hand). */
    static void restrict(Path file) throws IOException {
        if (posix(file)) {
            Files.setPosixFilePermissions(file, FILE_MODE);
        }
    }

    /** Forces {@code dir}'s entries (a new, renamed or deleted file) to disk, where the platform can. */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can open a directory; the rename itself is still atomic
        }
    }

    /** The attributes that give a new file or directory {@code mode}, where the file system knows POSIX modes. */
    static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> mode) {
        return posix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
