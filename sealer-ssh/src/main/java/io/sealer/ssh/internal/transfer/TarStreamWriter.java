package io.sealer.ssh.internal.transfer;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a {@link LocalTree} as one tar stream (POSIX ustar with pax headers for long or non-ASCII names; owner
 * 0:0 without names; modes and whole-second mtimes as on disk) while hashing it: the SHA-256 of the stream is the
 * tree's digest. Each file is read once; its bytes can also go to a per-file sink (the SFTP fallback).
 */
public final class TarStreamWriter {
    private static final int BUFFER = 64 * 1024;

    private TarStreamWriter() {
    }

    /** Receives the content of each regular file as it is read (for the SFTP fallback). */
    public interface EntrySink {
        /** Called for every entry in order; returns where a regular file's bytes also go, or {@code null}. */
        OutputStream entry(LocalTree.Entry entry) throws IOException;
    }

    /**
     * What was written.
     *
     * @param digest {@code sha256:<hex>} of the stream
     * @param streamBytes the stream's length
     */
    public record Written(String digest, long streamBytes) {
    }

    /**
     * Writes {@code tree} to {@code out} (not closed); {@code progress} gets the file bytes done so far.
     *
     * @throws IOException when a file cannot be read, changed size while it was read, or {@code out} fails
     */
    public static Written write(LocalTree tree, OutputStream out, EntrySink sink, LongConsumer progress)
            throws IOException {
        MessageDigest sha256 = sha256();
        CountingStream counting = new CountingStream(new DigestOutputStream(out, sha256));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosing(counting), "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        byte[] buffer = new byte[BUFFER];
        long done = 0;
        for (LocalTree.Entry entry : tree.entries()) {
            OutputStream copy = sink == null ? null : sink.entry(entry);
            TarArchiveEntry header = header(entry);
            tar.putArchiveEntry(header);
            if (entry.type() == LocalTree.Type.FILE) {
                long left = entry.size();
                try (InputStream in = Files.newInputStream(entry.path())) {
                    while (left > 0) {
                        int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                        if (read < 0) {
                            throw new IOException(entry.path() + " shrank while it was sent");
                        }
                        tar.write(buffer, 0, read);
                        if (copy != null) {
                            copy.write(buffer, 0, read);
                        }
                        left -= read;
                        done += read;
                        progress.accept(done);
                    }
                    if (in.read() >= 0) {
                        throw new IOException(entry.path() + " grew while it was sent");
                    }
                } finally {
                    if (copy != null) {
                        copy.close();
                    }
                }
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.close();
        counting.flush();
        return new Written("sha256:" + HexFormat.of().formatHex(sha256.digest()), counting.count);
    }

    private static TarArchiveEntry header(LocalTree.Entry entry) {
        TarArchiveEntry header = switch (entry.type()) {
            case DIRECTORY -> new TarArchiveEntry(entry.name(), TarConstants.LF_DIR);
            case SYMLINK -> {
                TarArchiveEntry link = new TarArchiveEntry(entry.name(), TarConstants.LF_SYMLINK);
                link.setLinkName(entry.linkTarget());
                yield link;
            }
            case FILE -> {
                TarArchiveEntry file = new TarArchiveEntry(entry.name(), TarConstants.LF_NORMAL);
                file.setSize(entry.size());
                yield file;
            }
        };
        header.setMode(entry.type() == LocalTree.Type.SYMLINK ? 0777 : entry.mode());
        header.setModTime(LocalTree.seconds(entry.mtimeSeconds()));
        header.setUserId(0);
        header.setGroupId(0);
        header.setUserName("");
        header.setGroupName("");
        return header;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Counts bytes on their way. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }
    }

    /** Keeps the tar stream's close from closing the caller's stream. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
