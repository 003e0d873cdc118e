package io.sealer.core.internal.store;

import io.sealer.core.internal.layer.IoFailures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files by writing a temporary file under the store's {@code tmp/} and renaming it into place atomically. */
final class AtomicFiles {
    private final Path tmp;
    private final OwnerToken owner;

    AtomicFiles(Path tmp, OwnerToken owner) {
        this.tmp = tmp;
        this.owner = owner;
    }

    void write(Path target, byte[] content) {
        Path part = tmp.resolve(owner.newName("part"));
        try {
            Files.createDirectories(target.getParent());
            Files.write(part, content);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(part);
            throw IoFailures.wrap(target, "writing", e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a leftover part file is removed by the next clean-up
        }
    }
}
