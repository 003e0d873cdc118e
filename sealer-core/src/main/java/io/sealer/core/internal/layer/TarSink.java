package io.sealer.core.internal.layer;

import io.sealer.core.internal.io.Digests;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The byte end of {@link ReproducibleTar}: collects tar records in one buffer, and each time it fills hands it to
 * SHA-256 and to the output and counts it. File contents are read straight into that buffer, so every byte is copied
 * once (from the page cache) and the digest and the output see large blocks.
 */
final class TarSink {
    static final int RECORD = 512;
    private static final int BUFFER = 128 * 1024;

    private final OutputStream out;
    private final MessageDigest sha256 = Digests.sha256();
    private final byte[] buffer = new byte[BUFFER];
    private final ByteBuffer view = ByteBuffer.wrap(buffer);
    private int used;
    private long count;

    TarSink(OutputStream out) {
        this.out = out;
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        int off = offset;
        int left = length;
        while (left > 0) {
            if (used == BUFFER) {
                drain();
            }
            int n = Math.min(left, BUFFER - used);
            System.arraycopy(bytes, off, buffer, used, n);
            used += n;
            off += n;
            left -= n;
        }
    }

    void zeros(int length) throws IOException {
        int left = length;
        while (left > 0) {
            if (used == BUFFER) {
                drain();
            }
            int n = Math.min(left, BUFFER - used);
            Arrays.fill(buffer, used, used + n, (byte) 0);
            used += n;
            left -= n;
        }
    }

    /**
     * Copies the file at {@code path} (not following a symbolic link) and pads it to a whole record.
     *
     * @throws IOException when it cannot be read or its length is no longer {@code size}
     */
    void file(Path path, long size) throws IOException {
        long total = 0;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            while (true) {
                if (used == BUFFER) {
                    drain();
                }
                view.limit(BUFFER).position(used);
                int asked = BUFFER - used;
                int n = channel.read(view);
                if (n < 0) {
                    break;
                }
                used += n;
                total += n;
                if (total > size) {
                    throw new IOException("file grew while it was written to the layer: " + size
                            + " bytes expected");
                }
                if (total == size && n < asked) {
                    break; // a short read of a regular file is its end: no need to ask again
                }
            }
        }
        if (total < size) {
            throw new IOException("file shrank while it was written to the layer: " + size + " bytes expected, "
                    + total + " read");
        }
        zeros(padding(size));
    }

    /** Zero bytes that fill the last record of {@code size} bytes. */
    static int padding(long size) {
        return (int) ((RECORD - size % RECORD) % RECORD);
    }

    /** Writes out what is buffered and flushes the output. */
    void flush() throws IOException {
        drain();
        out.flush();
    }

    long count() {
        return count;
    }

    /** {@code sha256:<hex>} of everything written; call after {@link #flush()}. */
    String id() {
        return Digests.idOf(sha256);
    }

    private void drain() throws IOException {
        if (used > 0) {
            sha256.update(buffer, 0, used);
            out.write(buffer, 0, used);
            count += used;
            used = 0;
        }
    }
}
