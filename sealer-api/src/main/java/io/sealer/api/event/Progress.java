package io.sealer.api.event;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where an operation reports its progress: a position in the operation tree plus the listener. The SDK gives one to
 * every adapter call; {@link #start} opens a child operation and reports {@link ProgressEvent.Started}, and the child
 * reports {@link #progressed}, {@link #finished} or {@link #failed}, warnings and log lines. Thread-safe. A listener
 * that throws does not stop the operation: its exception is dropped.
 *
 * <pre>{@code
 * Progress blob = progress.start(OperationKind.BLOB, Subject.digest(digest), "downloading");
 * blob.progressed(done, total);
 * blob.finished("downloaded");
 * }</pre>
 */
public final class Progress {
    /** Reports nothing. */
    public static final Progress NONE = new Progress(ProgressListener.NONE, null, new Ids());

    private final ProgressListener listener;
    private final Operation operation;
    private final Ids ids;

    private Progress(ProgressListener listener, Operation operation, Ids ids) {
        this.listener = listener;
        this.operation = operation;
        this.ids = ids;
    }

    /** The top of a new operation tree reporting to {@code listener}. */
    public static Progress to(ProgressListener listener) {
        Objects.requireNonNull(listener, "listener");
        return listener == ProgressListener.NONE ? NONE : new Progress(listener, null, new Ids());
    }

    /** The operation this reports for; empty at the top of a tree. */
    public Optional<Operation> operation() {
        return Optional.ofNullable(operation);
    }

    /** The same position in the tree, reporting to this listener and then to {@code extra}. */
    public Progress alsoTo(ProgressListener extra) {
        ProgressListener both = listener.andThen(extra);
        return both == listener ? this : new Progress(both, operation, ids);
    }

    /** Opens a child operation and reports that it started. */
    public Progress start(OperationKind kind, Subject subject, String description) {
        Operation child = new Operation(ids.next(), operation().map(Operation::id), kind, subject);
        Progress progress = new Progress(listener, child, ids);
        progress.emit(new ProgressEvent.Started(child, description));
        return progress;
    }

    /** Reports bytes (or items) done out of {@code total} (-1 when unknown). */
    public void progressed(long done, long total) {
        emit(new ProgressEvent.Progressed(current(), done, total));
    }

    /** Reports that this operation succeeded. */
    public void finished(String summary) {
        emit(new ProgressEvent.Finished(current(), summary));
    }

    /** Reports that this operation failed. */
    public void failed(String error) {
        emit(new ProgressEvent.Failed(current(), error));
    }

    /** Reports a warning at {@code location} (a file and line, or empty). */
    public void warning(String location, String message) {
        emit(new ProgressEvent.Warning(current(), location, message));
    }

    /** Reports a line of command output. */
    public void log(ProgressEvent.Stream stream, String line) {
        emit(new ProgressEvent.LogLine(current(), stream, line));
    }

    /** True when nobody listens, so callers may skip building expensive messages. */
    public boolean silent() {
        return listener == ProgressListener.NONE;
    }

    private Operation current() {
        return operation != null ? operation
                : new Operation(ids.next(), Optional.empty(), OperationKind.OTHER, Subject.NONE);
    }

    private void emit(ProgressEvent event) {
        if (listener == ProgressListener.NONE) {
            return;
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException ignored) {
            // a listener's failure is its own: the operation goes on
        }
    }

    /** Operation ids of one tree: a random prefix (so trees do not collide) and a counter. */
    private static final class Ids {
        private final String prefix = Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000);
        private final AtomicLong counter = new AtomicLong();

        String next() {
            return prefix + "-" + counter.incrementAndGet();
        }
    }
}
