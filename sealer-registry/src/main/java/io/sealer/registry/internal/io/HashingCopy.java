package io.sealer.registry.internal.io;

import io.sealer.api.event.Progress;
import io.sealer.registry.internal.manifest.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Copies a blob's bytes while hashing them (SHA-256) and reporting progress every MiB: one pass, one buffer. */
public final class HashingCopy {
    private static final long PROGRESS_STEP = 1 << 20;

    private final MessageDigest sha = Digests.sha256();
    private final Progress progress;
    private long done;

    /** @param progress the blob's operation */
    public HashingCopy(Progress progress) {
        this.progress = progress;
    }

    /** Copies {@code in} to {@code out} (neither closed); {@code total} is the bytes expected, or -1 when unknown. */
    public void copy(InputStream in, OutputStream out, long total) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        long reported = done;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            sha.update(buffer, 0, n);
            done += n;
            if (done - reported >= PROGRESS_STEP) {
                reported = done;
                progress.progressed(done, total);
            }
        }
    }

    /** Bytes copied so far. */
    public long done() {
        return done;
    }

    /** {@code sha256:<hex>} of the bytes copied; call once, at the end. */
    public String digest() {
        return Digests.format(sha.digest());
    }
}
