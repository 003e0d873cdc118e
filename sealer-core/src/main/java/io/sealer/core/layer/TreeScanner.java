package io.sealer.core.layer;

import io.sealer.api.StoreException;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists a directory tree as tar entries in reproducible order: names relative to the root, no {@code ./} prefix,
 * directories with a trailing {@code /}, sorted by the unsigned bytes of their UTF-8 names. Hard links are found by
 * file key; the first name in that order is the file, the later ones link to it. Overlay whiteouts (character
 * device 0/0) become OCI {@code .wh.<name>} files.
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

    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    private TreeScanner() {
    }

    static List<Entry> scan(Path root) {
        List<Entry> raw = new ArrayList<>();
        try {
            walk(root, "", raw);
        } catch (IOException e) {
            throw IoFailures.wrap(root, "reading layer directory", e);
        }
        raw.sort((a, b) -> Arrays.compareUnsigned(
                a.name().getBytes(StandardCharsets.UTF_8), b.name().getBytes(StandardCharsets.UTF_8)));
        return linkHardlinks(raw);
    }

    private static List<Entry> linkHardlinks(List<Entry> sorted) {
        Map<Object, String> firstName = new HashMap<>();
        List<Entry> out = new ArrayList<>(sorted.size());
        for (Entry e : sorted) {
            if (e.kind() == Kind.FILE && e.fileKey() != null) {
                String first = firstName.putIfAbsent(e.fileKey(), e.name());
                if (first != null) {
                    out.add(new Entry(e.name(), e.path(), Kind.HARDLINK, e.mode(), 0, first, e.fileKey()));
                    continue;
                }
            }
            out.add(e);
        }
        return out;
    }

    private static void walk(Path dir, String prefix, List<Entry> out) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String fileName = child.getFileName().toString();
                String name = prefix + fileName;
                PosixFileAttributes attrs =
                        Files.readAttributes(child, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attrs.isSymbolicLink()) {
                    out.add(new Entry(name, child, Kind.SYMLINK, 0777, 0,
                            Files.readSymbolicLink(child).toString(), null));
                } else if (attrs.isDirectory()) {
                    out.add(new Entry(name + "/", child, Kind.DIR, 0755, 0, null, null));
                    walk(child, name + "/", out);
                } else if (attrs.isRegularFile()) {
                    out.add(new Entry(name, child, Kind.FILE, fileMode(attrs.permissions()), attrs.size(), null,
                            attrs.fileKey()));
                } else if (isOverlayWhiteout(child)) {
                    out.add(new Entry(prefix + Whiteouts.whiteoutFor(fileName), child, Kind.FILE, 0644, 0, null,
                            null));
                } else {
                    throw new StoreException(child.toString(),
                            "unsupported file type in layer (only directories, regular files and symbolic links are"
                                    + " allowed; devices, sockets and pipes are not)", null);
                }
            }
        }
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
