package io.sealer.core.internal.apply;

import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.event.ProgressListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Receives the events of one remote command (the connector reports them on a tree of their own) and passes its
 * output lines, redacted, to the step's operation as {@link ProgressEvent.LogLine}s, keeping what the step needs
 * afterwards: the last lines for messages and, for a step that captures values, every line as printed (bounded).
 * Thread-safe: standard output and standard error may arrive on different threads.
 */
final class StepOutput implements ProgressListener {
    /** Lines kept for messages. */
    static final int TAIL_LINES = 200;
    /** Lines kept for a capture: a {@code kubeadm init} prints about a hundred. */
    static final int CAPTURE_LINES = 20_000;

    private final Progress step;
    private final Redaction redaction;
    private final boolean keepPrinted;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Deque<String> printed = new ArrayDeque<>();
    private String firstStdout;

    /**
     * @param step where the redacted lines go
     * @param redaction what to hide
     * @param keepPrinted keep every line as printed, for reading values from it
     */
    StepOutput(Progress step, Redaction redaction, boolean keepPrinted) {
        this.step = step;
        this.redaction = redaction;
        this.keepPrinted = keepPrinted;
    }

    @Override
    public void onEvent(ProgressEvent event) {
        if (event instanceof ProgressEvent.LogLine line) {
            line(line.stream(), line.line());
        } else if (event instanceof ProgressEvent.Warning warning) {
            step.warning(redaction.apply(warning.location()), redaction.apply(warning.message()));
        }
    }

    /** A line of standard output that did not come as an event. */
    void stdout(String text) {
        line(ProgressEvent.Stream.STDOUT, text);
    }

    private void line(ProgressEvent.Stream stream, String text) {
        String shown = redaction.apply(text);
        synchronized (this) {
            keep(tail, shown, TAIL_LINES);
            if (keepPrinted) {
                keep(printed, text, CAPTURE_LINES);
            }
            if (firstStdout == null && stream == ProgressEvent.Stream.STDOUT && !text.isBlank()) {
                firstStdout = text;
            }
        }
        step.log(stream, shown);
    }

    private static void keep(Deque<String> lines, String line, int capacity) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** True when no line arrived. */
    synchronized boolean isEmpty() {
        return tail.isEmpty();
    }

    /** The last {@code count} lines, redacted as they were shown. */
    synchronized List<String> last(int count) {
        List<String> all = new ArrayList<>(tail);
        return List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
    }

    /** Every line as printed (only when kept), oldest first. */
    synchronized List<String> printed() {
        return List.copyOf(printed);
    }

    /** The first non-blank line of standard output, as printed. */
    synchronized Optional<String> firstStdout() {
        return Optional.ofNullable(firstStdout);
    }
}
