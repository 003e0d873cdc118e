package io.sealer.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts the payload a benchmark processed, so that throughput-mode runs also report {@code megabytes} per second
 * (decimal MB, 10^6 bytes) next to operations per second.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ByteCounter {
    /** Payload processed in this iteration, in MB (10^6 bytes); JMH divides it by the iteration time. */
    public double megabytes;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
        megabytes = 0;
    }

    void add(long bytes) {
        megabytes += bytes / 1_000_000.0;
    }
}
