package io.sealer.core.internal.layer;

import io.sealer.api.StoreException;
import io.sealer.core.internal.io.IoFailures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Lists a directory tree as tar entries in reproducible order: names relative to the root, no {@code ./} prefix,
 * directories with a trailing {@code /}, sorted by the unsigned bytes of their UTF-8 names. Hard links are found by
 * file key; the first name in that order is the file, the later ones link to it. Overlay whiteouts (character
 * device 0/0) become OCI {@code .wh.<name>} files.
 *
 * <p>The walk is depth first with each directory's children sorted by their entry name (a directory's with its
 * trailing {@code /}). Siblings share their parent's prefix, and no name holds a {@code /}, so this visits the
 * entries in exactly the order of sorting all full names; entries can therefore be handed on while the walk goes on.
 */
final class TreeScanner {
    /** Entry kinds a layer can hold. */
    enum Kind { DIR, FILE, SYMLINK, HARDLINK }

    /**
     * One entry. {@code mode} is the normalised permission bits; {@code link} is the symlink target or the name of
     * the first hard link; {@code size} is 0 except for files; {@code fileKey} identifies the inode of a file.
     */
    record Entry(String name, Path path, Kind kind, int mode, long size, String link, Object fileKey) {
    }

    /** A directory child before sorting: its entry and the UTF-8 bytes of its last name segment. */
    private record Child(Entry entry, byte[] key) {
    }

    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    private TreeScanner() {
    }

    /** All entries of {@code root}, in tar order. */
    static List<Entry> scan(Path root) {
        List<Entry> out = new ArrayList<>();
        walk(root, out::add);
        return out;
    }

    /**
     * Hands every entry of {@code root} to {@code sink}, in tar order, as the walk goes. An exception thrown by the
     * sink stops the walk and propagates.
     *
     * @throws StoreException naming the directory that could not be read or the file of an unsupported type
     */
    static void walk(Path root, Consumer<Entry> sink) {
        Map<Object, String> firstNames = new HashMap<>();
        walk(root, "", firstNames, sink);
    }

    private static void walk(Path dir, String prefix, Map<Object, String> firstNames, Consumer<Entry> sink) {
        List<Child> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                children.add(child(child, prefix));
            }
        } catch (IOException e) {
            throw IoFailures.wrap(dir, "reading layer directory", e);
        }
        children.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
        for (Child child : children) {
            Entry e = child.entry();
            if (e.kind() == Kind.FILE && e.fileKey() != null) {
                String first = firstNames.putIfAbsent(e.fileKey(), e.name());
                if (first != null) {
                    e = new Entry(e.name(), e.path(), Kind.HARDLINK, e.mode(), 0, first, e.fileKey());
                }
            }
            sink.accept(e);
            if (e.kind() == Kind.DIR) {
                walk(e.path(), e.name(), firstNames, sink);
            }
        }
    }

    private static Child child(Path child, String prefix) throws IOException {
        String fileName = child.getFileName().toString();
        PosixFileAttributes attrs = Files.readAttributes(child, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Entry entry;
        String key = fileName;
        if (attrs.isSymbolicLink()) {
            entry = new Entry(prefix + fileName, child, Kind.SYMLINK, 0777, 0,
                    Files.readSymbolicLink(child).toString(), null);
        } else if (attrs.isDirectory()) {
            key = fileName + "/";
            entry = new Entry(prefix + key, child, Kind.DIR, 0755, 0, null, null);
        } else if (attrs.isRegularFile()) {
            entry = new Entry(prefix + fileName, child, Kind.FILE, fileMode(attrs.permissions()), attrs.size(), null,
                    attrs.fileKey());
        } else if (isOverlayWhiteout(child)) {
            key = Whiteouts.whiteoutFor(fileName);
            entry = new Entry(prefix + key, child, Kind.FILE, 0644, 0, null, null);
        } else {
            throw new StoreException(child.toString(),
                    "unsupported file type in layer (only directories, regular files and symbolic links are"
                            + " allowed; devices, sockets and pipes are not)", null);
        }
        return new Child(entry, key.getBytes(StandardCharsets.UTF_8));
    }

    /** 0755 when any execute bit is set, else 0644. */
    static int fileMode(Set<PosixFilePermission> permissions) {
        boolean exec = permissions.contains(PosixFilePermission.OWNER_EXECUTE)
                || permissions.contains(PosixFilePermission.GROUP_EXECUTE)
                || permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
        return exec ? 0755 : 0644;
    }

    private static boolean isOverlayWhiteout(Path path) {
        try {
            Map<String, Object> unix = Files.readAttributes(path, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) unix.get("mode");
            long rdev = (Long) unix.get("rdev");
            return (mode & S_IFMT) == S_IFCHR && rdev == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
