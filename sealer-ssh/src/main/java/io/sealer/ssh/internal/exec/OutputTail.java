package io.sealer.ssh.internal.exec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last lines of a command's combined output, for results and error messages. Thread-safe. */
public final class OutputTail {
    /** Lines kept by default. */
    public static final int DEFAULT_LINES = 20;

    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();

    public OutputTail(int capacity) {
        this.capacity = capacity;
    }

    /** Keeps {@code line}, dropping the oldest when full. */
    public synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** The lines kept, oldest first. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines kept, for a message: {@code ; last output:\n  line...}, or empty when there are none. */
    public String forMessage() {
        List<String> kept = lines();
        if (kept.isEmpty()) {
            return "";
        }
        return "; last output:\n  " + String.join("\n  ", kept);
    }
}
