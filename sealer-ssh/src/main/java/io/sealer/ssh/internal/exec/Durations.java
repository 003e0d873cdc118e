package io.sealer.ssh.internal.exec;

import java.time.Duration;

/** Durations as people read them: {@code 10 s}, {@code 250 ms}, {@code 2 min}. */
public final class Durations {
    private Durations() {
    }

    /** {@code duration} in the largest whole unit that shows it exactly (ms, s or min). */
    public static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis >= 60_000) {
            return millis / 60_000 + " min";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return millis + " ms";
    }
}
