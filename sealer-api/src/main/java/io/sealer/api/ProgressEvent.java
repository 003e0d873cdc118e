package io.sealer.api;

import java.util.Objects;

/**
 * One progress report: a step starting or finishing, bytes moved for a subject (an image, a blob, a layer), or a
 * warning the user should see.
 *
 * @param kind what happened
 * @param subject what it happened to (a Kubefile line, an image, a blob digest, a host)
 * @param done bytes (or items) done so far, for {@link Kind#PROGRESS}
 * @param total bytes (or items) expected, or -1 when unknown
 * @param message human-readable detail, may be empty
 */
public record ProgressEvent(Kind kind, String subject, long done, long total, String message) {
    /** Kinds of progress events. */
    public enum Kind { STARTED, PROGRESS, FINISHED, WARNING, INFO }

    public ProgressEvent {
        Objects.requireNonNull(kind, "kind");
        subject = subject == null ? "" : subject;
        message = message == null ? "" : message;
    }

    public static ProgressEvent started(String subject, String message) {
        return new ProgressEvent(Kind.STARTED, subject, 0, -1, message);
    }

    public static ProgressEvent finished(String subject, String message) {
        return new ProgressEvent(Kind.FINISHED, subject, 0, -1, message);
    }

    public static ProgressEvent progress(String subject, long done, long total) {
        return new ProgressEvent(Kind.PROGRESS, subject, done, total, "");
    }

    public static ProgressEvent warning(String subject, String message) {
        return new ProgressEvent(Kind.WARNING, subject, 0, -1, message);
    }

    public static ProgressEvent info(String subject, String message) {
        return new ProgressEvent(Kind.INFO, subject, 0, -1, message);
    }
}
