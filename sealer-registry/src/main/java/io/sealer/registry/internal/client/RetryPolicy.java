package io.sealer.registry.internal.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When and how long to wait before retrying a registry request: connection errors, 5xx and 429 are retried with
 * exponential backoff (a {@code Retry-After} header wins), other 4xx never.
 *
 * @param maxRetries retries after the first attempt
 * @param baseDelay delay before the first retry; doubled for each further one
 * @param maxDelay upper bound of any delay, including one a server asks for
 */
record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay) {
    static RetryPolicy of(int maxRetries) {
        return new RetryPolicy(Math.max(0, maxRetries), Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** True for statuses worth retrying: 429 and every 5xx. */
    static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }

    /** True when another attempt is allowed after {@code failedAttempts} failures. */
    boolean mayRetry(int failedAttempts) {
        return failedAttempts <= maxRetries;
    }

    /**
     * The wait before retry number {@code retry} (1-based), honouring a {@code Retry-After} value in seconds or as an
     * HTTP date.
     */
    Duration delay(int retry, Optional<String> retryAfter, Instant now) {
        Optional<Duration> asked = retryAfter.flatMap(value -> parseRetryAfter(value.trim(), now));
        Duration chosen = asked.orElseGet(() -> {
            long factor = 1L << Math.min(20, Math.max(0, retry - 1));
            return baseDelay.multipliedBy(factor);
        });
        return chosen.compareTo(maxDelay) > 0 ? maxDelay : chosen;
    }

    private static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Waits between attempts; tests substitute one that only records. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }
}
