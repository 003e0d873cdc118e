package io.sealer.core.internal.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes files by writing a temporary file in a scratch directory on the same file system and renaming it into
 * place atomically: a reader sees the old content or the new, never half of it.
 */
public final class AtomicFiles {
    private final Path tmp;
    private final Supplier<String> partNames;

    /**
     * @param tmp the scratch directory, on the same file system as the targets
     * @param partNames gives a new unique file name for each temporary file
     */
    public AtomicFiles(Path tmp, Supplier<String> partNames) {
        this.tmp = Objects.requireNonNull(tmp, "tmp");
        this.partNames = Objects.requireNonNull(partNames, "partNames");
    }

    /**
     * Replaces {@code target} with {@code content}, creating its parent directories.
     *
     * @throws io.sealer.api.StoreException naming the target when it cannot be written; the target is unchanged
     */
    public void write(Path target, byte[] content) {
        Path part = tmp.resolve(partNames.get());
        try {
            Files.createDirectories(target.getParent());
            Files.write(part, content);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Trees.deleteQuietly(part);
            throw IoFailures.wrap(target, "writing", e);
        }
    }
}
