package io.sealer.core.internal.plugin.builtin;

import java.time.Duration;

/** Waits between polls; tests pass one that only moves their clock. */
@FunctionalInterface
public interface Sleeper {
    /** The real one: {@link Thread#sleep(long)}. */
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

    /** Waits for the duration. */
    void sleep(Duration duration) throws InterruptedException;
}
