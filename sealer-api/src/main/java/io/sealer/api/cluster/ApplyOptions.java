package io.sealer.api.cluster;

import io.sealer.api.event.ProgressListener;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run an apply, a scale or a delete.
 *
 * @param parallelism how many hosts work at the same time, at most (default 32)
 * @param stepTimeout bound on each remote step (default 30 minutes)
 * @param listener receives this call's progress events, besides the client's listener
 */
public record ApplyOptions(int parallelism, Duration stepTimeout, ProgressListener listener) {
    /** Default {@link #parallelism()}. */
    public static final int DEFAULT_PARALLELISM = 32;
    /** Default {@link #stepTimeout()}. */
    public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofMinutes(30);
    /** The defaults. */
    public static final ApplyOptions DEFAULTS =
            new ApplyOptions(DEFAULT_PARALLELISM, DEFAULT_STEP_TIMEOUT, ProgressListener.NONE);

    public ApplyOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        Objects.requireNonNull(stepTimeout, "stepTimeout");
        if (stepTimeout.isNegative() || stepTimeout.isZero()) {
            throw new IllegalArgumentException("stepTimeout must be positive, got " + stepTimeout);
        }
        listener = listener == null ? ProgressListener.NONE : listener;
    }

    /** These options with another parallelism. */
    public ApplyOptions withParallelism(int value) {
        return new ApplyOptions(value, stepTimeout, listener);
    }

    /** These options with another step timeout. */
    public ApplyOptions withStepTimeout(Duration value) {
        return new ApplyOptions(parallelism, value, listener);
    }

    /** These options with a listener for this call. */
    public ApplyOptions withListener(ProgressListener value) {
        return new ApplyOptions(parallelism, stepTimeout, value);
    }
}
