package io.sealer.api;

/**
 * Receives progress events from builds, pulls, pushes and installs. Implementations must be thread-safe: events
 * arrive from worker threads.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = event -> { };

    void onEvent(ProgressEvent event);
}
