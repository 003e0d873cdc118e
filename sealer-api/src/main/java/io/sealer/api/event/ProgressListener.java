package io.sealer.api.event;

import java.util.Objects;

/**
 * Receives progress events from builds, pulls, pushes and installs. Implementations must be thread-safe: events
 * arrive from worker threads. A listener that throws does not stop the operation.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = event -> { };

    /** Receives one event. */
    void onEvent(ProgressEvent event);

    /** A listener that passes each event to this one, then to {@code next}. */
    default ProgressListener andThen(ProgressListener next) {
        Objects.requireNonNull(next, "next");
        if (this == NONE) {
            return next;
        }
        if (next == NONE) {
            return this;
        }
        return event -> {
            onEvent(event);
            next.onEvent(event);
        };
    }

    /** A builder of a listener that dispatches by event type: {@code dispatcher().onWarning(w -> ...).build()}. */
    static EventDispatcher.Builder dispatcher() {
        return EventDispatcher.builder();
    }
}
