package io.sealer.api.event;

import java.util.Objects;

/**
 * A progress report about one {@link Operation}. The family is sealed, so a {@code switch} or an
 * {@link EventDispatcher} covers every kind of event.
 */
public sealed interface ProgressEvent {
    /** The operation this event belongs to. */
    Operation operation();

    /**
     * An operation began.
     *
     * @param operation the operation
     * @param description what it does, for people
     */
    record Started(Operation operation, String description) implements ProgressEvent {
        public Started {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(description, "description");
        }
    }

    /**
     * An operation moved on.
     *
     * @param operation the operation
     * @param done bytes (or items) done so far
     * @param total bytes (or items) expected, or -1 when unknown
     */
    record Progressed(Operation operation, long done, long total) implements ProgressEvent {
        public Progressed {
            Objects.requireNonNull(operation, "operation");
        }
    }

    /**
     * An operation succeeded.
     *
     * @param operation the operation
     * @param summary what it did, for people
     */
    record Finished(Operation operation, String summary) implements ProgressEvent {
        public Finished {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(summary, "summary");
        }
    }

    /**
     * An operation failed; the exception the caller receives says the same.
     *
     * @param operation the operation
     * @param error the error message
     */
    record Failed(Operation operation, String error) implements ProgressEvent {
        public Failed {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * Something the user should know that does not stop the operation.
     *
     * @param operation the operation it arose in
     * @param location where, such as {@code manifests/app.yaml:12}; empty when nowhere in particular
     * @param message what is wrong
     */
    record Warning(Operation operation, String location, String message) implements ProgressEvent {
        public Warning {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A line of output from a command the operation runs (on the build host or on a remote host).
     *
     * @param operation the operation running the command
     * @param stream which stream the line came from
     * @param line the line, without its end-of-line
     */
    record LogLine(Operation operation, Stream stream, String line) implements ProgressEvent {
        public LogLine {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(line, "line");
        }
    }

    /** The output stream of a {@link LogLine}. */
    enum Stream { STDOUT, STDERR }
}
