package io.sealer.ssh.internal.transfer;

import io.sealer.api.event.Progress;
import java.util.function.LongConsumer;

/** Reports bytes done at most every 1 MiB or 250 ms, and always the last value through {@link #done}. */
final class ThrottledProgress implements LongConsumer {
    private static final long STEP_BYTES = 1024 * 1024;
    private static final long STEP_NANOS = 250_000_000L;

    private final Progress progress;
    private final long total;
    private long lastBytes;
    private long lastNanos = System.nanoTime();

    ThrottledProgress(Progress progress, long total) {
        this.progress = progress;
        this.total = total;
    }

    @Override
    public void accept(long done) {
        long now = System.nanoTime();
        if (done - lastBytes >= STEP_BYTES || now - lastNanos >= STEP_NANOS) {
            lastBytes = done;
            lastNanos = now;
            progress.progressed(done, total);
        }
    }

    void done(long done) {
        progress.progressed(done, total);
    }
}
