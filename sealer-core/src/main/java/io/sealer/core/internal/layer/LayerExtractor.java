package io.sealer.core.internal.layer;

import com.google.common.io.CountingInputStream;
import io.sealer.core.internal.io.Digests;
import io.sealer.core.internal.io.IoFailures;
import io.sealer.core.internal.io.Streams;
import io.sealer.core.internal.io.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Extracts a layer tar into a directory, hashing the bytes as they are read. Every entry is confined to the
 * directory: absolute names, {@code ..} segments, paths through symbolic links and hard links to outside are
 * rejected with an {@link UnsafeEntryException} naming the entry; devices, pipes and sockets are rejected too.
 * Symbolic link targets are written verbatim (they are never followed while extracting). Files get mode 0644, or
 * 0755 when the tar gives any execute bit; directories 0755. Whiteout files are kept as they are.
 */
public final class LayerExtractor {
    private static final int BUFFER = 64 * 1024;

    private LayerExtractor() {
    }

    /**
     * Extracts {@code tar} (read to its end, not closed) into the existing directory {@code root}.
     *
     * @return the digest and length of every byte read, for comparison with an expected id
     * @throws UnsafeEntryException for an entry that would escape {@code root} or has an unsupported type
     * @throws io.sealer.api.StoreException when the tar is malformed or a file cannot be written
     */
    public static LayerDigest extract(InputStream tar, Path root) {
        MessageDigest sha256 = Digests.sha256();
        CountingInputStream counting = new CountingInputStream(Streams.nonClosing(tar));
        DigestInputStream digesting = new DigestInputStream(counting, sha256);
        new Extraction(root).run(digesting);
        try {
            digesting.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw IoFailures.wrap(root, "reading layer tar", e);
        }
        return new LayerDigest(Digests.idOf(sha256), counting.getCount());
    }

    /**
     * Extracts {@code tar} into {@code root} and checks that its bytes hash to {@code expectedId}. On any failure the
     * caller must discard {@code root}: it may hold part of the content.
     *
     * @throws LayerDigestMismatchException when the bytes hash to another id
     */
    public static LayerDigest extractVerified(InputStream tar, Path root, String expectedId) {
        LayerDigest digest = extract(tar, root);
        if (!digest.id().equals(expectedId)) {
            throw new LayerDigestMismatchException("layer " + expectedId, expectedId, digest.id());
        }
        return digest;
    }

    /** One extraction: remembers directories already checked to be real directories inside the root. */
    private static final class Extraction {
        private final Path root;
        private final Set<Path> safeDirs = new HashSet<>();

        Extraction(Path root) {
            this.root = root.toAbsolutePath().normalize();
        }

        void run(InputStream in) {
            TarArchiveInputStream tar = new TarArchiveInputStream(in, BUFFER, 512, "UTF-8");
            String current = null;
            try {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    current = entry.getName();
                    extractEntry(entry, tar);
                }
            } catch (IOException e) {
                throw IoFailures.wrap(current == null ? root : root.resolve(safeName(current)),
                        "extracting layer tar" + (current == null ? "" : " entry \"" + current + "\""), e);
            } catch (IllegalArgumentException e) {
                throw new UnsafeEntryException(String.valueOf(current), "malformed tar: " + e.getMessage());
            }
        }

        private static String safeName(String name) {
            return name.replaceAll("^/+", "").replace("..", "__");
        }

        private void extractEntry(TarArchiveEntry entry, TarArchiveInputStream tar) throws IOException {
            String name = entry.getName();
            List<String> segments = segments(name);
            if (segments.isEmpty()) {
                if (entry.isDirectory()) {
                    return;
                }
                throw new UnsafeEntryException(name, "entry has an empty name");
            }
            Path target = resolve(name, segments);
            Path parent = target.getParent();
            ensureDirectory(name, parent);
            if (entry.isDirectory()) {
                ensureDirectory(name, target);
                return;
            }
            byte flag = entry.getLinkFlag();
            boolean regular = flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM
                    || flag == TarConstants.LF_CONTIG;
            if (!(regular || entry.isSymbolicLink() || entry.isLink())) {
                throw new UnsafeEntryException(name, "unsupported entry type '" + (char) flag
                        + "' (devices, pipes and sockets are not allowed in layers)");
            }
            removeExisting(target);
            if (entry.isSymbolicLink()) {
                Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                safeDirs.removeIf(p -> p.startsWith(target));
            } else if (entry.isLink()) {
                String linkName = entry.getLinkName();
                List<String> linkSegments = segments(linkName);
                if (linkSegments.isEmpty()) {
                    throw new UnsafeEntryException(name, "hard link has an empty target");
                }
                Path source = resolve(name, linkSegments);
                checkNoSymlinkAncestors(name, source.getParent());
                if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                    throw new UnsafeEntryException(name,
                            "hard link target \"" + linkName + "\" is not a regular file extracted earlier");
                }
                Files.createLink(target, source);
            } else {
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    tar.transferTo(out);
                }
                setMode(target, (entry.getMode() & 0111) != 0 ? "rwxr-xr-x" : "rw-r--r--");
            }
        }

        private Path resolve(String entryName, List<String> segments) {
            Path target = root;
            for (String segment : segments) {
                target = target.resolve(segment);
            }
            if (!target.normalize().startsWith(root) || target.equals(root)) {
                throw new UnsafeEntryException(entryName, "path escapes the layer directory");
            }
            return target;
        }

        private static List<String> segments(String name) {
            if (name.startsWith("/")) {
                throw new UnsafeEntryException(name, "absolute path names are not allowed");
            }
            if (name.indexOf('\0') >= 0) {
                throw new UnsafeEntryException(name, "NUL character in name");
            }
            List<String> out = new ArrayList<>();
            for (String segment : name.split("/")) {
                if (segment.isEmpty() || segment.equals(".")) {
                    continue;
                }
                if (segment.equals("..")) {
                    throw new UnsafeEntryException(name, "'..' path segments are not allowed");
                }
                out.add(segment);
            }
            return out;
        }

        /** Creates {@code dir} and its missing parents below the root, refusing to go through symbolic links. */
        private void ensureDirectory(String entryName, Path dir) throws IOException {
            if (dir.equals(root) || safeDirs.contains(dir)) {
                return;
            }
            ensureDirectory(entryName, dir.getParent());
            if (Files.isSymbolicLink(dir)) {
                throw new UnsafeEntryException(entryName,
                        "path goes through the symbolic link \"" + root.relativize(dir) + "\"");
            }
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(dir);
            }
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                // already a directory
            }
            setMode(dir, "rwxr-xr-x");
            safeDirs.add(dir);
        }

        private void checkNoSymlinkAncestors(String entryName, Path dir) {
            for (Path p = dir; p != null && !p.equals(root); p = p.getParent()) {
                if (Files.isSymbolicLink(p)) {
                    throw new UnsafeEntryException(entryName,
                            "hard link target goes through the symbolic link \"" + root.relativize(p) + "\"");
                }
            }
        }

        private void removeExisting(Path target) throws IOException {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                Trees.deleteRecursively(target);
                safeDirs.removeIf(p -> p.startsWith(target));
            } else {
                Files.deleteIfExists(target);
            }
        }

        private static void setMode(Path path, String permissions) throws IOException {
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
        }
    }
}
