package io.sealer.cli;

import io.sealer.api.event.OperationKind;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.event.ProgressListener;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prints the progress of the operations a person follows (builds, images, Kubefile instructions, the registry cache
 * and its container images, pushes and pulls) as plain lines on stderr, indented by nesting, and every warning: a
 * line when an operation starts, and one with its summary when it ends (unless the summary is a bare
 * {@code done}), or {@code -> failed} (the error itself is the command's last line). Blob and layer transfers are
 * not shown. Thread-safe: events arrive from worker threads.
 */
final class ProgressPrinter {
    private static final Set<OperationKind> SHOWN = EnumSet.of(OperationKind.BUILD, OperationKind.IMAGE,
            OperationKind.INSTRUCTION, OperationKind.REGISTRY_CACHE, OperationKind.CONTAINER_IMAGE,
            OperationKind.PUSH, OperationKind.PULL);

    private final PrintStream err;
    /** Per started operation: how many shown operations enclose it, itself included when shown. */
    private final Map<String, Integer> levels = new ConcurrentHashMap<>();

    private ProgressPrinter(PrintStream err) {
        this.err = err;
    }

    /** A listener printing to {@code err}. */
    static ProgressListener to(PrintStream err) {
        ProgressPrinter printer = new ProgressPrinter(err);
        return ProgressListener.dispatcher()
                .onStarted(printer::started)
                .onFinished(e -> printer.ended(e.operation().id(), e.operation().kind(),
                        e.summary().isBlank() || e.summary().equals("done") ? null : "-> " + e.summary()))
                .onFailed(e -> printer.ended(e.operation().id(), e.operation().kind(), "-> failed"))
                .onWarning(printer::warning)
                .build();
    }

    private void started(ProgressEvent.Started event) {
        int outer = event.operation().parentId().map(id -> levels.getOrDefault(id, 0)).orElse(0);
        boolean shown = SHOWN.contains(event.operation().kind());
        levels.put(event.operation().id(), shown ? outer + 1 : outer);
        if (shown) {
            print(outer, event.description());
        }
    }

    private void ended(String id, OperationKind kind, String line) {
        Integer level = levels.remove(id);
        if (line != null && SHOWN.contains(kind)) {
            print(level == null ? 0 : level - 1, line);
        }
    }

    private void warning(ProgressEvent.Warning warning) {
        String location = warning.location();
        String message = location.isEmpty() || warning.message().startsWith(location) ? warning.message()
                : location + ": " + warning.message();
        synchronized (err) {
            err.println("warning: " + message);
        }
    }

    private void print(int indent, String line) {
        synchronized (err) {
            err.println("  ".repeat(Math.max(0, indent)) + line);
        }
    }
}
