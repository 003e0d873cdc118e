package io.sealer.core.internal.layer;

import io.sealer.core.internal.io.IoFailures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What changed between two {@link Snapshot}s of a tree: paths added or changed, and paths deleted. Deletions are
 * minimal: below a deleted directory, or below a directory replaced by a file, nothing more is listed.
 *
 * @param changed relative paths added or changed, sorted (parents before children)
 * @param deleted relative paths that no longer exist, sorted
 */
public record SnapshotDiff(SortedSet<String> changed, SortedSet<String> deleted) {
    public SnapshotDiff {
        changed = Collections.unmodifiableSortedSet(new TreeSet<>(changed));
        deleted = Collections.unmodifiableSortedSet(new TreeSet<>(deleted));
    }

    /** Compares {@code before} with {@code after}. */
    public static SnapshotDiff between(Snapshot before, Snapshot after) {
        Map<String, Snapshot.State> old = before.states();
        Map<String, Snapshot.State> now = after.states();
        SortedSet<String> changed = new TreeSet<>();
        now.forEach((path, state) -> {
            Snapshot.State previous = old.get(path);
            if (previous == null || !previous.sameAs(state)) {
                changed.add(path);
            }
        });
        SortedSet<String> deleted = new TreeSet<>();
        for (String path : old.keySet()) {
            if (!now.containsKey(path) && !hiddenByAncestor(path, now, deleted)) {
                deleted.add(path);
            }
        }
        return new SnapshotDiff(changed, deleted);
    }

    /** True when nothing changed. */
    public boolean isEmpty() {
        return changed.isEmpty() && deleted.isEmpty();
    }

    /**
     * Builds a layer directory: copies every changed path from {@code afterRoot} into {@code layerDir} (files,
     * directories with their permissions, symbolic links verbatim, hard links kept as links) and writes an OCI
     * whiteout {@code .wh.<name>} for every deletion.
     *
     * @throws io.sealer.api.StoreException naming the path that could not be copied
     */
    public void materialise(Path afterRoot, Path layerDir) {
        Map<Object, Path> copiedInodes = new HashMap<>();
        Path current = layerDir;
        try {
            Files.createDirectories(layerDir);
            for (String path : changed) {
                Path source = afterRoot.resolve(path);
                Path target = layerDir.resolve(path);
                current = source;
                Files.createDirectories(target.getParent());
                if (Files.isSymbolicLink(source)) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(source));
                } else if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                    copyPermissions(source, target);
                } else {
                    Object key = Files.readAttributes(source, "basic:fileKey", LinkOption.NOFOLLOW_LINKS)
                            .get("fileKey");
                    Path first = key == null ? null : copiedInodes.get(key);
                    if (first != null) {
                        Files.createLink(target, first);
                    } else {
                        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                        if (key != null) {
                            copiedInodes.put(key, target);
                        }
                    }
                }
            }
            for (String path : deleted) {
                Path gone = layerDir.resolve(path);
                Path parent = Objects.requireNonNullElse(gone.getParent(), layerDir);
                current = gone;
                Files.createDirectories(parent);
                Files.createFile(parent.resolve(Whiteouts.whiteoutFor(gone.getFileName().toString())));
            }
        } catch (IOException e) {
            throw IoFailures.wrap(current, "building layer directory", e);
        }
    }

    private static void copyPermissions(Path source, Path target) throws IOException {
        try {
            Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(source, LinkOption.NOFOLLOW_LINKS));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }

    private static boolean hiddenByAncestor(String path, Map<String, Snapshot.State> now, SortedSet<String> deleted) {
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            String ancestor = path.substring(0, slash);
            if (deleted.contains(ancestor)) {
                return true;
            }
            Snapshot.State state = now.get(ancestor);
            if (state != null && state.kind() != Snapshot.Kind.DIR) {
                return true;
            }
        }
        return false;
    }
}
