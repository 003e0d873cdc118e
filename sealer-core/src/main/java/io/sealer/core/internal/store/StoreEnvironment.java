package io.sealer.core.internal.store;

import io.sealer.api.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the store reads from outside the process: the wall clock (when an image was built, shown by
 * {@code sealer images}) and the environment variable {@value #SOURCE_DATE_EPOCH} (the creation time recorded in new
 * images and hashed into their ids). Tests pass their own; {@link #system()} is the real one.
 *
 * @param clock the wall clock
 * @param variables environment variable lookup, {@code null} for an unset variable
 */
public record StoreEnvironment(Clock clock, Function<String, String> variables) {
    /** The reproducible-builds variable: seconds since 1970-01-01T00:00:00Z. */
    public static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

    /** The creation time of new images when {@value #SOURCE_DATE_EPOCH} is not set. */
    public static final Instant DEFAULT_CREATION_TIME = Instant.EPOCH;

    public StoreEnvironment {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(variables, "variables");
    }

    /** The system clock and the process environment. */
    public static StoreEnvironment system() {
        return new StoreEnvironment(Clock.systemUTC(), System::getenv);
    }

    /** A fixed clock and a fixed set of variables, for tests. */
    public static StoreEnvironment of(Instant now, Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        return new StoreEnvironment(Clock.fixed(now, java.time.ZoneOffset.UTC), copy::get);
    }

    /** The wall-clock time, in whole seconds. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The creation time of a new image: {@value #SOURCE_DATE_EPOCH} when set, else
     * {@link #DEFAULT_CREATION_TIME}. Never the wall clock, so that the same inputs give the same image id.
     *
     * @throws StoreException when {@value #SOURCE_DATE_EPOCH} is not a whole number of seconds
     */
    public Instant creationTime() {
        String value = variables.apply(SOURCE_DATE_EPOCH);
        if (value == null || value.isBlank()) {
            return DEFAULT_CREATION_TIME;
        }
        String trimmed = value.trim();
        if (!trimmed.matches("[0-9]{1,18}")) {
            throw new StoreException(SOURCE_DATE_EPOCH, "must be a whole number of seconds since"
                    + " 1970-01-01T00:00:00Z (what date +%s prints), got \"" + value + "\"", null);
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(trimmed));
        } catch (java.time.DateTimeException e) {
            throw new StoreException(SOURCE_DATE_EPOCH, "is out of range: \"" + value + "\"", e);
        }
    }
}
