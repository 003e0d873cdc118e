package io.sealer.core.internal.store;

import io.sealer.core.internal.io.AtomicFiles;
import io.sealer.core.internal.io.IoFailures;
import io.sealer.core.internal.io.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Layers a running store holds although no image refers to them yet (added by a build that has not committed, or
 * found in the build cache), kept in {@code leases/<owner>}: garbage collection in any process keeps them while the
 * owner process lives. A store's lease file is rewritten under the exclusive lock or appended under the shared one.
 */
final class Leases {
    private final StorePaths paths;
    private final AtomicFiles files;
    private final Path own;
    private final Set<String> held = new LinkedHashSet<>();

    Leases(StorePaths paths, OwnerToken owner, AtomicFiles files) {
        this.paths = paths;
        this.files = files;
        this.own = paths.leases().resolve(owner.newName("lease"));
    }

    synchronized void hold(String hex) {
        if (held.add(hex)) {
            write();
        }
    }

    synchronized void release(Set<String> hexes) {
        if (held.removeAll(hexes)) {
            write();
        }
    }

    synchronized void releaseAll() {
        held.clear();
        try {
            Files.deleteIfExists(own);
        } catch (IOException e) {
            throw IoFailures.wrap(own, "releasing leases", e);
        }
    }

    private void write() {
        files.write(own, String.join("\n", held).getBytes(StandardCharsets.UTF_8));
    }

    /** Layers leased by live processes; lease files of dead processes are deleted. Needs the exclusive lock. */
    Set<String> liveLayers() {
        Set<String> out = new HashSet<>();
        Path dir = paths.leases();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                if (!OwnerToken.ownerAlive(child.getFileName().toString())) {
                    Trees.deleteRecursively(child);
                    continue;
                }
                try {
                    for (String line : Files.readAllLines(child, StandardCharsets.UTF_8)) {
                        if (!line.isBlank()) {
                            out.add(line.trim());
                        }
                    }
                } catch (NoSuchFileException e) {
                    // released meanwhile
                }
            }
        } catch (IOException e) {
            throw IoFailures.wrap(dir, "reading leases", e);
        }
        return out;
    }
}
