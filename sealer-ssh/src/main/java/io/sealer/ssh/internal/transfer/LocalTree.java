package io.sealer.ssh.internal.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A local directory tree as it will be sent: its entries in a fixed order (each directory before its content, names
 * sorted), with modes, sizes and mtimes; symlinks are kept as links. Sockets, pipes and devices are left out (reported).
 * The {@link #fingerprint()} hashes what {@code stat} says of every entry (not the content), so an unchanged tree is
 * recognised without reading its files.
 *
 * @param root the directory
 * @param entries its entries, the directory itself first (named {@code ./})
 * @param files how many regular files
 * @param bytes their total size
 * @param fingerprint SHA-256 over every entry's path, type, mode, size, mtime, ctime, inode and link target
 */
public record LocalTree(Path root, List<Entry> entries, long files, long bytes, String fingerprint) {
    /** The marker's name, never sent from a local tree. */
    public static final String MARKER = ".sealer-content";

    public LocalTree {
        entries = List.copyOf(entries);
    }

    /** What an entry is. */
    public enum Type { DIRECTORY, FILE, SYMLINK }

    /**
     * One entry.
     *
     * @param name its path relative to the root, {@code /}-separated ({@code ./} for the root, directories with a
     *     trailing {@code /})
     * @param path the local file
     * @param type what it is
     * @param mode permission bits, with setuid, setgid and sticky
     * @param size the content size of a regular file, else 0
     * @param mtimeSeconds last modification, whole seconds
     * @param linkTarget the target of a symlink, else {@code null}
     */
    public record Entry(String name, Path path, Type type, int mode, long size, long mtimeSeconds,
            String linkTarget) {
    }

    /**
     * Scans {@code root}.
     *
     * @param skipped told of each entry left out (path, why)
     */
    public static LocalTree scan(Path root, BiConsumer<Path, String> skipped) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(root + " is not a directory");
        }
        MessageDigest fingerprint = sha256();
        List<Entry> entries = new ArrayList<>();
        long[] totals = new long[2];
        add(root, root, "./", entries, fingerprint, totals, skipped);
        return new LocalTree(root, entries, totals[0], totals[1], HexFormat.of().formatHex(fingerprint.digest()));
    }

    private static void add(Path root, Path path, String name, List<Entry> entries, MessageDigest fingerprint,
            long[] totals, BiConsumer<Path, String> skipped) throws IOException {
        Map<String, Object> unix = unixAttributes(path);
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        int mode = mode(path, unix);
        long mtime = attributes.lastModifiedTime().toInstant().getEpochSecond();
        Type type;
        String linkTarget = null;
        long size = 0;
        String entryName = name;
        if (attributes.isSymbolicLink()) {
            type = Type.SYMLINK;
            linkTarget = Files.readSymbolicLink(path).toString();
        } else if (attributes.isDirectory()) {
            type = Type.DIRECTORY;
            if (!entryName.endsWith("/")) {
                entryName = entryName + "/";
            }
        } else if (attributes.isRegularFile()) {
            type = Type.FILE;
            size = attributes.size();
            totals[0]++;
            totals[1] += size;
        } else {
            skipped.accept(path, "not a regular file, directory or symlink (a socket, pipe or device)");
            return;
        }
        entries.add(new Entry(entryName, path, type, mode, size, mtime, linkTarget));
        fingerprint.update((entryName + '\0' + type + '\0' + mode + '\0' + size + '\0'
                + attributes.lastModifiedTime().toInstant() + '\0' + unix.getOrDefault("ctime", "") + '\0'
                + unix.getOrDefault("ino", "") + '\0' + (linkTarget == null ? "" : linkTarget) + '\n')
                .getBytes(StandardCharsets.UTF_8));
        if (type == Type.DIRECTORY) {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(path)) {
                stream.forEach(children::add);
            }
            children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
            String prefix = entryName.equals("./") ? "" : entryName;
            for (Path child : children) {
                String childName = child.getFileName().toString();
                if (path.equals(root) && childName.equals(MARKER)) {
                    skipped.accept(child, "the transfer marker's name; the marker is written by the transfer");
                    continue;
                }
                add(root, child, prefix + childName, entries, fingerprint, totals, skipped);
            }
        }
    }

    private static Map<String, Object> unixAttributes(Path path) {
        try {
            return Files.readAttributes(path, "unix:mode,ino,ctime", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Map.of();
        }
    }

    private static int mode(Path path, Map<String, Object> unix) throws IOException {
        Object mode = unix.get("mode");
        if (mode instanceof Integer value) {
            return value & 07777;
        }
        try {
            Set<PosixFilePermission> permissions = Files.readAttributes(path, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).permissions();
            int bits = 0;
            for (PosixFilePermission permission : permissions) {
                bits |= 1 << (8 - permission.ordinal());
            }
            return bits;
        } catch (UnsupportedOperationException e) {
            return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? 0755 : 0644;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A {@link FileTime} of whole seconds. */
    static FileTime seconds(long epochSeconds) {
        return FileTime.fromMillis(epochSeconds * 1000);
    }
}
