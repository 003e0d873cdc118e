package io.sealer.core.internal.apply.state;

import io.sealer.api.StoreException;
import io.sealer.core.internal.io.IoFailures;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The key that seals the secrets of saved Clusterfiles: 32 random bytes in a file of mode 0600 in a directory of mode
 * 0700, created on first use. The file appears whole or not at all (written aside, then hard-linked into place), so
 * processes that race to create it all end up with the one that won.
 */
final class StoreKey {
    static final int LENGTH = 32;

    private StoreKey() {
    }

    /**
     * The key in {@code file}, created when there is none.
     *
     * @throws StoreException when it cannot be read or created, or is not {@value #LENGTH} bytes
     */
    static byte[] loadOrCreate(Path file) {
        byte[] key = read(file);
        if (key != null) {
            return key;
        }
        PrivateFiles.createDirectory(file.getParent());
        byte[] fresh = new byte[LENGTH];
        new SecureRandom().nextBytes(fresh);
        Path part = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().getId() + ".part");
        try {
            Files.deleteIfExists(part);
            PrivateFiles.create(part);
            Files.write(part, fresh, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            try {
                Files.createLink(file, part);
            } catch (FileAlreadyExistsException e) {
                // another process made the key first: use theirs
            } catch (UnsupportedOperationException | FileSystemException e) {
                createDirectly(file, fresh);
            }
            PrivateFiles.syncDirectory(file.getParent());
        } catch (IOException e) {
            throw IoFailures.wrap(file, "creating the Clusterfile key", e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                // a stray part file holds a key nobody uses
            }
            Arrays.fill(fresh, (byte) 0);
        }
        byte[] winner = read(file);
        if (winner == null) {
            throw new StoreException(file.toString(), "the Clusterfile key vanished while it was created", null);
        }
        return winner;
    }

    /** Where hard links are not supported: create the file exclusively and write it. */
    private static void createDirectly(Path file, byte[] key) throws IOException {
        try {
            Files.createFile(file, PrivateFiles.attributes(file, PrivateFiles.FILE_MODE));
        } catch (FileAlreadyExistsException e) {
            return;
        }
        Files.write(file, key, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }

    private static byte[] read(Path file) {
        byte[] key;
        try {
            key = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw IoFailures.wrap(file, "reading the Clusterfile key", e);
        }
        if (key.length != LENGTH) {
            throw new StoreException(file.toString(), "the Clusterfile key has " + key.length + " bytes, expected "
                    + LENGTH + "; the file is damaged (without it the saved clusters' passwords cannot be read)",
                    null);
        }
        return key;
    }
}
