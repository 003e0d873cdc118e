package io.sealer.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A stand-alone copy of what {@code ReproducibleTar} does (same entry order, headers and stream stack), with switches
 * for the parts that cost time, so the breakdown benchmark can tell where tar+hash spends it. Supports what
 * {@link LayerTree} generates: directories, regular files and symbolic links.
 */
final class TarReplica {
    /** How file contents reach the tar stream. */
    enum Copy {
        /** {@code InputStream.transferTo}, as ReproducibleTar does (8 KiB reads on Java 17). */
        TRANSFER_TO,
        /** A 64 KiB read buffer. */
        BUFFER_64K
    }

    private record Entry(String name, Path path, byte[] nameBytes, PosixFileAttributes attrs) {
    }

    private final List<Entry> entries;

    private TarReplica(List<Entry> entries) {
        this.entries = entries;
    }

    /** Scans {@code root} once; the benchmark then only measures writing. */
    static TarReplica scan(Path root) {
        List<Entry> list = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                if (path.equals(root)) {
                    continue;
                }
                PosixFileAttributes attrs =
                        Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String name = root.relativize(path).toString() + (attrs.isDirectory() ? "/" : "");
                list.add(new Entry(name, path, name.getBytes(StandardCharsets.UTF_8), attrs));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        list.sort((a, b) -> Arrays.compareUnsigned(a.nameBytes(), b.nameBytes()));
        return new TarReplica(List.copyOf(list));
    }

    /**
     * Writes the tar to a null stream; hashes it when {@code hash}; returns the {@code sha256:} id (or the byte count
     * when not hashing).
     */
    String write(boolean hash, Copy copy, byte[] buffer) {
        return write(hash, copy, buffer, true);
    }

    /**
     * As {@link #write(boolean, Copy, byte[])}; {@code buffered} false drops the 64 KiB BufferedOutputStream between
     * the tar stream and the digest (the tar stream already writes whole 10 KiB records).
     */
    String write(boolean hash, Copy copy, byte[] buffer, boolean buffered) {
        MessageDigest sha256 = LayerTreeState.sha256();
        OutputStream sink = OutputStream.nullOutputStream();
        OutputStream stream = hash ? new DigestOutputStream(sink, sha256) : sink;
        OutputStream out = buffered ? new BufferedOutputStream(stream, LayerTreeState.BUFFER) : stream;
        try {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            long bytes = 0;
            for (Entry entry : entries) {
                tar.putArchiveEntry(header(entry));
                if (entry.attrs().isRegularFile() && entry.attrs().size() > 0) {
                    try (InputStream in = Files.newInputStream(entry.path(), LinkOption.NOFOLLOW_LINKS)) {
                        bytes += copy == Copy.TRANSFER_TO ? in.transferTo(tar) : copy(in, tar, buffer);
                    }
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
            out.flush();
            return hash ? "sha256:" + HexFormat.of().formatHex(sha256.digest()) : Long.toString(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many entries the scan found. */
    int size() {
        return entries.size();
    }

    private static long copy(InputStream in, OutputStream out, byte[] buffer) throws IOException {
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    private static TarArchiveEntry header(Entry entry) throws IOException {
        TarArchiveEntry header;
        PosixFileAttributes attrs = entry.attrs();
        if (attrs.isSymbolicLink()) {
            header = new TarArchiveEntry(entry.name(), TarConstants.LF_SYMLINK);
            header.setLinkName(Files.readSymbolicLink(entry.path()).toString());
            header.setMode(0120777);
        } else if (attrs.isDirectory()) {
            header = new TarArchiveEntry(entry.name(), TarConstants.LF_DIR);
            header.setMode(040755);
        } else {
            header = new TarArchiveEntry(entry.name(), TarConstants.LF_NORMAL);
            boolean exec = attrs.permissions().contains(PosixFilePermission.OWNER_EXECUTE)
                    || attrs.permissions().contains(PosixFilePermission.GROUP_EXECUTE)
                    || attrs.permissions().contains(PosixFilePermission.OTHERS_EXECUTE);
            header.setMode(0100000 | (exec ? 0755 : 0644));
            header.setSize(attrs.size());
        }
        header.setModTime(0L);
        header.setIds(0, 0);
        header.setUserName("");
        header.setGroupName("");
        return header;
    }
}
