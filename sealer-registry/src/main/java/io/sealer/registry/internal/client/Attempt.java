package io.sealer.registry.internal.client;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What one source answered when an image (or blob) was looked up there: an image source on disk, a mirror or the
 * registry itself. A list of attempts, in the order they were made, becomes the message of a failed lookup, e.g.
 * {@code not found in image source ./images (OCI layout), not found at mirror http://127.0.0.1:5000,
 * registry-1.docker.io: connection refused}.
 *
 * @param source what was asked, e.g. {@code image source ./images (OCI layout)}, {@code mirror http://127.0.0.1:5000}
 *               or {@code registry-1.docker.io}
 * @param outcome what kind of answer it was
 * @param answer the answer in words: {@code not found}, {@code connection refused}, {@code HTTP 401 unauthorized...};
 *               for a skipped source, why it was skipped
 * @param statusCode the HTTP status of the answer, 0 when there was none
 * @param cause the underlying error of a failure, {@code null} otherwise (never shown in messages)
 */
public record Attempt(String source, Outcome outcome, String answer, int statusCode, Throwable cause) {
    /** The kinds of answers. */
    public enum Outcome {
        /** The source does not have it. */
        NOT_FOUND,
        /** The source could not say: unreachable, refused the credentials, failed. */
        FAILED,
        /** The source was not asked. */
        SKIPPED
    }

    public Attempt {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(answer, "answer");
    }

    /** {@code source} does not have it; {@code source} begins with {@code image source} or names a registry. */
    public static Attempt notFound(String source) {
        return new Attempt(source, Outcome.NOT_FOUND, "not found", 404, null);
    }

    /** {@code source} failed to answer. */
    public static Attempt failed(String source, String answer, int statusCode, Throwable cause) {
        return new Attempt(source, Outcome.FAILED, answer, statusCode, cause);
    }

    /** {@code source} was not asked, for {@code reason}. */
    public static Attempt skipped(String source, String reason) {
        return new Attempt(source, Outcome.SKIPPED, reason, 0, null);
    }

    /**
     * This answer in words: {@code not found in image source ./images (OCI layout)}, {@code not found at mirror
     * http://127.0.0.1:5000}, {@code registry-1.docker.io: connection refused}, {@code registry-1.docker.io not asked
     * (...)}.
     */
    public String describe() {
        return switch (outcome) {
            case NOT_FOUND -> "not found " + (source.startsWith("image source") ? "in " : "at ") + source;
            case FAILED -> source + ": " + answer;
            case SKIPPED -> source + " not asked (" + answer + ")";
        };
    }

    /** The attempts in words, comma-separated. */
    public static String describe(List<Attempt> attempts) {
        return attempts.stream().map(Attempt::describe).collect(Collectors.joining(", "));
    }
}
