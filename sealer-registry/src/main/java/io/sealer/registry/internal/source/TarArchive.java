package io.sealer.registry.internal.source;

import io.sealer.registry.internal.manifest.Digests;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Read access to the entries of a tarball without extracting it. A plain tar is indexed by reading its headers only
 * (data is skipped by seeking) and entries are read by offset, concurrently. A gzip-compressed tar cannot be
 * seeked: indexing streams it once (hashing every entry and keeping small ones in memory, within a budget) and
 * reading another entry streams it again up to that entry. Nothing is ever loaded whole into memory or written to
 * disk.
 */
final class TarArchive {
    /** Entries up to this size are kept in memory while a compressed tarball is indexed... */
    private static final int SMALL_ENTRY = 1 << 20;
    /** ...up to this much in all. */
    private static final long SMALL_BUDGET = 64L << 20;
    private static final int MAX_LINKS = 16;
    private static final int HEAD = 8;

    /**
     * One entry.
     *
     * @param name the normalised name ({@code ./} and leading {@code /} removed)
     * @param offset where its data starts in a plain tar, -1 in a compressed one
     * @param size its data size
     * @param link the target of a symbolic or hard link, normalised against the archive root; null for a file
     */
    record Entry(String name, long offset, long size, String link) {
    }

    private final Path file;
    private final boolean compressed;
    private final Map<String, Entry> entries;
    private final Map<String, byte[]> small;
    private final Map<String, String> digests;
    private final Map<String, byte[]> heads;

    private TarArchive(Path file, boolean compressed, Map<String, Entry> entries, Map<String, byte[]> small,
            Map<String, String> digests, Map<String, byte[]> heads) {
        this.file = file;
        this.compressed = compressed;
        this.entries = entries;
        this.small = small;
        this.digests = digests;
        this.heads = heads;
    }

    /** Indexes {@code file}, a plain or gzip-compressed tar. */
    static TarArchive open(Path file) throws IOException {
        byte[] magic = new byte[2];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(magic, 0, 2) == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                return indexCompressed(file);
            }
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (TarFile tar = new TarFile(file)) {
            for (TarArchiveEntry e : tar.getEntries()) {
                add(entries, e, e.getDataOffset());
            }
        }
        return new TarArchive(file, false, entries, Map.of(), Map.of(), Map.of());
    }

    private static TarArchive indexCompressed(Path file) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, byte[]> small = new HashMap<>();
        Map<String, String> digests = new HashMap<>();
        Map<String, byte[]> heads = new HashMap<>();
        long kept = 0;
        try (TarArchiveInputStream tar = compressedStream(file)) {
            TarArchiveEntry e;
            byte[] buffer = new byte[64 * 1024];
            while ((e = tar.getNextEntry()) != null) {
                Entry entry = add(entries, e, -1);
                if (entry == null || entry.link() != null) {
                    continue;
                }
                boolean keep = entry.size() <= SMALL_ENTRY && kept + entry.size() <= SMALL_BUDGET;
                MessageDigest sha = Digests.sha256();
                java.io.ByteArrayOutputStream copy = keep ? new java.io.ByteArrayOutputStream((int) entry.size())
                        : null;
                byte[] head = tar.readNBytes(HEAD);
                heads.put(entry.name(), head);
                sha.update(head);
                if (copy != null) {
                    copy.write(head);
                }
                int n;
                while ((n = tar.read(buffer)) >= 0) {
                    sha.update(buffer, 0, n);
                    if (copy != null) {
                        copy.write(buffer, 0, n);
                    }
                }
                digests.put(entry.name(), Digests.format(sha.digest()));
                if (copy != null) {
                    small.put(entry.name(), copy.toByteArray());
                    kept += entry.size();
                }
            }
        }
        return new TarArchive(file, true, entries, small, digests, heads);
    }

    private static Entry add(Map<String, Entry> entries, TarArchiveEntry e, long offset) {
        String name = normalise(e.getName());
        if (name.isEmpty() || e.isDirectory()) {
            return null;
        }
        String link = null;
        if (e.isSymbolicLink()) {
            String target = e.getLinkName();
            link = target.startsWith("/") ? normalise(target) : normalise(parentOf(name) + target);
        } else if (e.isLink()) {
            link = normalise(e.getLinkName());
        } else if (!e.isFile()) {
            return null;
        }
        Entry entry = new Entry(name, offset, link == null ? e.getSize() : 0, link);
        entries.put(name, entry);
        return entry;
    }

    /** True for a gzip-compressed tarball. */
    boolean compressed() {
        return compressed;
    }

    /** The file entry at {@code name}, links followed; empty when there is none. */
    Optional<Entry> entry(String name) {
        Entry entry = entries.get(normalise(name));
        for (int hops = 0; entry != null && entry.link() != null; hops++) {
            if (hops == MAX_LINKS) {
                return Optional.empty();
            }
            entry = entries.get(entry.link());
        }
        return Optional.ofNullable(entry);
    }

    /** The names of every file entry, in archive order. */
    List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    /** The sha256 of an entry's data, when indexing computed it (compressed tarballs). */
    Optional<String> knownDigest(Entry entry) {
        return Optional.ofNullable(digests.get(entry.name()));
    }

    /** The first bytes of an entry's data (up to 8), e.g. to tell a compressed layer from a plain one. */
    byte[] head(Entry entry) throws IOException {
        byte[] head = heads.get(entry.name());
        if (head != null) {
            return head;
        }
        try (InputStream in = open(entry)) {
            return in.readNBytes(HEAD);
        }
    }

    /** The entry as a {@link BlobFile}. */
    BlobFile blob(Entry entry) {
        return new BlobFile() {
            @Override
            public long size() {
                return entry.size();
            }

            @Override
            public InputStream open() throws IOException {
                return TarArchive.this.open(entry);
            }

            @Override
            public String location() {
                return file + "!" + entry.name();
            }
        };
    }

    /** A new stream over the entry's data. */
    InputStream open(Entry entry) throws IOException {
        byte[] kept = small.get(entry.name());
        if (kept != null) {
            return new java.io.ByteArrayInputStream(kept);
        }
        if (!compressed) {
            return new ChannelRange(FileChannel.open(file, StandardOpenOption.READ), entry.offset(), entry.size());
        }
        TarArchiveInputStream tar = compressedStream(file);
        try {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (normalise(e.getName()).equals(entry.name()) && !e.isSymbolicLink() && !e.isLink()) {
                    return new FilterInputStream(tar) {
                    };
                }
            }
        } catch (IOException | RuntimeException e) {
            tar.close();
            throw e;
        }
        tar.close();
        throw new IOException("entry " + entry.name() + " vanished from " + file);
    }

    /** Reads a whole entry of at most {@code max} bytes. */
    byte[] read(Entry entry, int max) throws IOException {
        if (entry.size() > max) {
            throw new IOException(entry.name() + " is larger than " + max + " bytes");
        }
        try (InputStream in = open(entry)) {
            return in.readNBytes((int) entry.size());
        }
    }

    private static TarArchiveInputStream compressedStream(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            return new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(raw, 64 * 1024), 64 * 1024));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    static String normalise(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(part);
        }
        return String.join("/", parts);
    }

    private static String parentOf(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash + 1);
    }

    /** A byte range of a file, read with positional reads; closes the channel when closed. */
    private static final class ChannelRange extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        ChannelRange(FileChannel channel, long offset, long size) {
            this.channel = channel;
            this.position = offset;
            this.end = offset + size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
            if (n < 0) {
                throw new IOException("tarball ends before its entry does");
            }
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, end - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
