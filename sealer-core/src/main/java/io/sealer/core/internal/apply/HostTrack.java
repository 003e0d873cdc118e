package io.sealer.core.internal.apply;

import io.sealer.api.cluster.HostOutcome;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Progress;
import io.sealer.api.event.Subject;
import java.util.ArrayList;
import java.util.List;

/**
 * One host's part of a run: its {@link OperationKind#HOST} operation (started with its first step, finished with its
 * last, failed when the run stops before that) and what ran there. Thread-safe.
 */
final class HostTrack {
    private final String host;
    private final Progress apply;
    private final List<String> ran = new ArrayList<>();
    private final List<String> resumed = new ArrayList<>();
    private int remaining;
    private Progress progress;
    private boolean closed;

    HostTrack(String host, Progress apply) {
        this.host = host;
        this.apply = apply;
    }

    /** Counts a step the run will have to do here. */
    synchronized void planned() {
        remaining++;
    }

    /** Records a step an earlier run did. */
    synchronized void resumed(String step) {
        resumed.add(step);
    }

    /** The host's operation, started on first use. */
    synchronized Progress progress() {
        if (progress == null) {
            progress = apply.start(OperationKind.HOST, Subject.host(host),
                    remaining + " step" + (remaining == 1 ? "" : "s") + " on " + host);
        }
        return progress;
    }

    /** A step finished (and was recorded); the host's operation finishes with its last step. */
    synchronized void done(String step) {
        ran.add(step);
        remaining--;
        if (remaining == 0 && !closed && progress != null) {
            closed = true;
            progress.finished(ran.size() + " step" + (ran.size() == 1 ? "" : "s") + " done");
        }
    }

    /** Reports the host's operation as failed, if it started and is still open. */
    synchronized void fail(String error) {
        if (progress != null && !closed) {
            closed = true;
            progress.failed(error);
        }
    }

    /** What the run did here. */
    synchronized HostOutcome outcome() {
        return new HostOutcome(host, ran, resumed);
    }
}
