package io.sealer.core.internal.layer;

import io.sealer.core.internal.io.IoFailures;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state of every path below a directory, cheap to take (metadata only, no content reads): type, permissions,
 * size, modification and change times, inode and symbolic link target. Two snapshots of the same tree, before and
 * after a {@code RUN}, give a {@link SnapshotDiff}.
 */
public final class Snapshot {
    /** Path types a snapshot distinguishes. */
    public enum Kind { DIR, FILE, SYMLINK, OTHER }

    /**
     * The recorded state of one path.
     *
     * @param kind the type
     * @param permissions POSIX permission bits
     * @param size bytes (files), else 0
     * @param modified modification time
     * @param changed inode change time, or {@code null} where the file system does not report it
     * @param fileKey the inode identity ({@link java.nio.file.attribute.BasicFileAttributes#fileKey()}), may be null
     * @param linkTarget the target of a symbolic link, else {@code null}
     */
    public record State(Kind kind, Set<PosixFilePermission> permissions, long size, FileTime modified,
            FileTime changed, Object fileKey, String linkTarget) {

        /** True when this state and {@code other} describe the same content; directory times are ignored. */
        public boolean sameAs(State other) {
            if (kind != other.kind || !permissions.equals(other.permissions)) {
                return false;
            }
            return switch (kind) {
                case DIR -> true;
                case SYMLINK -> Objects.equals(linkTarget, other.linkTarget);
                default -> size == other.size && modified.equals(other.modified)
                        && Objects.equals(changed, other.changed) && Objects.equals(fileKey, other.fileKey);
            };
        }
    }

    private final Path root;
    private final Map<String, State> states;

    private Snapshot(Path root, Map<String, State> states) {
        this.root = root;
        this.states = Collections.unmodifiableMap(states);
    }

    /**
     * Records every path below {@code root} (the root itself excluded), keyed by its {@code /}-separated relative
     * path.
     *
     * @throws io.sealer.api.StoreException naming the path that could not be read
     */
    public static Snapshot of(Path root) {
        Map<String, State> states = new TreeMap<>();
        try {
            walk(root, "", states);
        } catch (IOException e) {
            throw IoFailures.wrap(root, "taking a snapshot", e);
        }
        return new Snapshot(root, states);
    }

    /** The directory this snapshot was taken of. */
    public Path root() {
        return root;
    }

    /** Relative path to state, sorted by path. */
    public Map<String, State> states() {
        return states;
    }

    private static void walk(Path dir, String prefix, Map<String, State> out) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = prefix + child.getFileName();
                PosixFileAttributes attrs =
                        Files.readAttributes(child, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                Kind kind = attrs.isSymbolicLink() ? Kind.SYMLINK : attrs.isDirectory() ? Kind.DIR
                        : attrs.isRegularFile() ? Kind.FILE : Kind.OTHER;
                String target = kind == Kind.SYMLINK ? Files.readSymbolicLink(child).toString() : null;
                out.put(name, new State(kind, attrs.permissions(), kind == Kind.FILE ? attrs.size() : 0,
                        attrs.lastModifiedTime(), changeTime(child), attrs.fileKey(), target));
                if (kind == Kind.DIR) {
                    walk(child, name + "/", out);
                }
            }
        }
    }

    private static FileTime changeTime(Path path) {
        try {
            return (FileTime) Files.getAttribute(path, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }
}
