package io.sealer.cli;

import io.sealer.api.event.Operation;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.event.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Shows an apply, scale or delete host by host, from its typed events (operations of kind {@link OperationKind#HOST}
 * and {@link OperationKind#STEP} naming their host and step in their subject).
 *
 * <p>Plain (not a terminal, or a log): one line per step boundary, {@code HH:MM:SS [host] step: started}, {@code
 * done} or {@code FAILED: error}, and with {@code showOutput} ({@code -d}) every output line as {@code HH:MM:SS
 * [host] | line}. Live (a terminal): one line per host with its current step, how long it has run and its last
 * output line, redrawn in place at most ten times a second; when there are more hosts than the terminal has lines, a
 * summary line {@code N hosts: a done, b running, c waiting} and the failed and running hosts that fit. In both,
 * warnings and other operations (an image pulled on the way) are printed as lines ({@link ProgressPrinter}'s). A
 * step id's {@code @host} suffix is left out: the host is in brackets. Thread-safe.
 */
final class HostStatusPrinter implements ProgressListener, AutoCloseable {
    /** Time between two redraws of the live view. */
    static final Duration REFRESH = Duration.ofMillis(100);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String ESC = "\033[";

    /** Where a host is. */
    enum Status { WAITING, RUNNING, DONE, FAILED }

    private final PrintStream err;
    private final boolean live;
    private final boolean showOutput;
    private final Clock clock;
    private final int height;
    private final int width;
    private final ProgressListener others;
    private final Map<String, HostState> hosts = new LinkedHashMap<>();
    private final Map<String, Tracked> operations = new HashMap<>();
    private ScheduledExecutorService ticker;
    private int drawn;
    private boolean dirty;
    private Instant lastDraw = Instant.EPOCH;

    private HostStatusPrinter(PrintStream err, boolean live, boolean showOutput, Clock clock, int height, int width,
            Collection<String> expectedHosts) {
        this.err = err;
        this.live = live;
        this.showOutput = showOutput;
        this.clock = clock;
        this.height = Math.max(3, height);
        this.width = Math.max(20, width);
        this.others = ProgressPrinter.to(new PrintStream(new LineSink(this::emit), true, StandardCharsets.UTF_8));
        expectedHosts.forEach(h -> hosts.put(h, new HostState(h)));
    }

    /** Plain lines on {@code err}; output lines too when {@code showOutput}. */
    static HostStatusPrinter plain(PrintStream err, boolean showOutput, Clock clock) {
        return new HostStatusPrinter(err, false, showOutput, clock, 24, 80, List.of());
    }

    /**
     * A live view on {@code err}, a terminal of {@code height} lines and {@code width} columns, listing
     * {@code expectedHosts} as waiting until they start; redrawn by a daemon thread until {@link #close()}.
     */
    static HostStatusPrinter live(PrintStream err, boolean showOutput, int height, int width,
            Collection<String> expectedHosts) {
        HostStatusPrinter printer = new HostStatusPrinter(err, true, showOutput, Clock.systemDefaultZone(), height,
                width, expectedHosts);
        printer.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sealer-host-status");
            thread.setDaemon(true);
            return thread;
        });
        printer.ticker.scheduleAtFixedRate(printer::tick, REFRESH.toMillis(), REFRESH.toMillis(),
                TimeUnit.MILLISECONDS);
        return printer;
    }

    @Override
    public synchronized void onEvent(ProgressEvent event) {
        Operation operation = event.operation();
        if (event instanceof ProgressEvent.Started started) {
            started(started, operation);
        } else if (event instanceof ProgressEvent.Finished finished) {
            ended(operation, true, finished.summary());
        } else if (event instanceof ProgressEvent.Failed failed) {
            ended(operation, false, failed.error());
        } else if (event instanceof ProgressEvent.LogLine log) {
            logLine(operation, log.line());
        } else if (event instanceof ProgressEvent.Warning warning) {
            Tracked tracked = operations.get(operation.id());
            String message = warning.location().isEmpty() || warning.message().startsWith(warning.location())
                    ? warning.message() : warning.location() + ": " + warning.message();
            emit("warning: " + (tracked != null && tracked.host != null ? "[" + tracked.host + "] " : "") + message);
        } else if (event instanceof ProgressEvent.Progressed progressed) {
            Tracked tracked = operations.get(operation.id());
            if (tracked != null && tracked.kind == OperationKind.STEP && progressed.total() > 0) {
                host(tracked.host).progress = (int) Math.min(100, progressed.done() * 100 / progressed.total()) + "%";
                dirty = true;
            } else if (tracked == null) {
                others.onEvent(event);
            }
        }
    }

    private void started(ProgressEvent.Started event, Operation operation) {
        Tracked parent = operation.parentId().map(operations::get).orElse(null);
        String host = operation.subject().host().orElse(parent == null ? null : parent.host);
        OperationKind kind = operation.kind();
        switch (kind) {
            case APPLY -> {
                operations.put(operation.id(), new Tracked(kind, null, null, false));
                emit(plainTime() + event.description());
            }
            case HOST -> {
                operations.put(operation.id(), new Tracked(kind, host, null, false));
                if (host != null) {
                    HostState state = host(host);
                    if (state.status == Status.WAITING) {
                        state.status = Status.RUNNING;
                    }
                }
            }
            case STEP -> {
                String step = operation.subject().step().filter(s -> !s.isBlank()).orElse(event.description());
                step = host != null && step.endsWith("@" + host) ? step.substring(0, step.length() - host.length() - 1)
                        : step;
                // a step of the plan runs under its host's operation; steps below it (a transfer, a plugin's command) are shown
                // but not counted
                boolean planStep = parent != null && parent.kind == OperationKind.HOST;
                operations.put(operation.id(), new Tracked(kind, host, step, planStep));
                if (host != null) {
                    HostState state = host(host);
                    if (state.status == Status.WAITING) {
                        state.status = Status.RUNNING;
                    }
                    state.running.put(operation.id(), step);
                    state.stepStarted = clock.instant();
                    state.lastLine = "";
                    state.progress = "";
                }
                if (!live) {
                    emit(plainTime() + (host == null ? "" : "[" + host + "] ") + step + ": started");
                }
            }
            default -> {
                if (parent != null) {
                    // a plugin run inside a step: its output lines belong to the step's host
                    operations.put(operation.id(), new Tracked(kind, host, parent.step, false));
                }
                others.onEvent(event);
            }
        }
        dirty = true;
    }

    private void ended(Operation operation, boolean succeeded, String text) {
        Tracked tracked = operations.remove(operation.id());
        if (tracked == null || (tracked.kind != OperationKind.STEP && tracked.kind != OperationKind.HOST)) {
            if (tracked == null || tracked.kind != OperationKind.APPLY) {
                others.onEvent(succeeded ? new ProgressEvent.Finished(operation, text)
                        : new ProgressEvent.Failed(operation, text));
            }
            return;
        }
        HostState state = tracked.host == null ? null : host(tracked.host);
        if (tracked.kind == OperationKind.STEP) {
            if (state != null) {
                state.running.remove(operation.id());
                state.progress = "";
                if (!succeeded) {
                    state.status = Status.FAILED;
                    state.failedStep = tracked.step;
                } else if (tracked.planStep) {
                    state.done++;
                }
            }
            if (!live || !succeeded) {
                String summary = text.isBlank() || text.equals("done") ? "" : " (" + firstLine(text) + ")";
                emit(plainTime() + (tracked.host == null ? "" : "[" + tracked.host + "] ") + tracked.step + ": "
                        + (succeeded ? "done" + summary : "FAILED: " + firstLine(text)));
            }
        } else if (state != null) {
            if (succeeded) {
                if (state.status != Status.FAILED) {
                    state.status = Status.DONE;
                }
                if (!live) {
                    emit(plainTime() + "[" + tracked.host + "] done (" + steps(state.done) + ")");
                }
            } else {
                boolean reported = state.status == Status.FAILED;
                state.status = Status.FAILED;
                if (!reported || !live) {
                    emit(plainTime() + "[" + tracked.host + "] FAILED: " + firstLine(text));
                }
            }
        }
        dirty = true;
    }

    private void logLine(Operation operation, String line) {
        Tracked tracked = operations.get(operation.id());
        if (tracked == null || tracked.host == null) {
            return;
        }
        host(tracked.host).lastLine = line;
        dirty = true;
        if (showOutput) {
            emit(plainTime() + "[" + tracked.host + "] | " + line);
        }
    }

    /** The live view's lines at {@code now}, for a terminal of {@code lines} lines and {@code columns} columns. */
    synchronized List<String> render(Instant now, int lines, int columns) {
        List<String> view = new ArrayList<>();
        int capacity = Math.max(2, lines - 1);
        int hostWidth = hosts.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        if (hosts.size() <= capacity) {
            hosts.values().forEach(state -> view.add(fit(line(state, hostWidth, now), columns)));
            return view;
        }
        Map<Status, Integer> counts = new LinkedHashMap<>();
        hosts.values().forEach(s -> counts.merge(s.status, 1, Integer::sum));
        view.add(fit(hosts.size() + " hosts: " + counts.getOrDefault(Status.DONE, 0) + " done, "
                + counts.getOrDefault(Status.RUNNING, 0) + " running, " + counts.getOrDefault(Status.WAITING, 0)
                + " waiting" + (counts.containsKey(Status.FAILED) ? ", " + counts.get(Status.FAILED) + " failed" : ""),
                columns));
        // the failed hosts, then those running a step, then those between steps
        List<Predicate<HostState>> order = List.of(s -> s.status == Status.FAILED,
                s -> s.status == Status.RUNNING && !s.running.isEmpty(),
                s -> s.status == Status.RUNNING && s.running.isEmpty());
        for (Predicate<HostState> shown : order) {
            for (HostState state : hosts.values()) {
                if (shown.test(state) && view.size() < capacity) {
                    view.add(fit(line(state, hostWidth, now), columns));
                }
            }
        }
        return view;
    }

    private String line(HostState state, int hostWidth, Instant now) {
        String host = "[" + state.host + "]";
        StringBuilder text = new StringBuilder(host).append(" ".repeat(hostWidth - host.length() + 1));
        switch (state.status) {
            case WAITING -> text.append("waiting");
            case DONE -> text.append("done (").append(steps(state.done)).append(')');
            case FAILED -> text.append("FAILED").append(state.failedStep == null ? "" : " at " + state.failedStep);
            case RUNNING -> {
                if (state.running.isEmpty()) {
                    text.append(state.done == 0 ? "started"
                            : "waiting on other hosts (" + steps(state.done) + " done)");
                } else {
                    List<String> steps = new ArrayList<>(state.running.values());
                    text.append(steps.get(steps.size() - 1)).append("  ")
                            .append(elapsed(Duration.between(state.stepStarted, now)));
                    if (!state.progress.isEmpty()) {
                        text.append("  ").append(state.progress);
                    }
                    if (!state.lastLine.isBlank()) {
                        text.append("  | ").append(state.lastLine.strip());
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
        return text.toString();
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (live) {
                draw();
            }
            err.flush();
        }
    }

    private synchronized void tick() {
        Instant now = clock.instant();
        if (dirty || Duration.between(lastDraw, now).toSeconds() >= 1) {
            draw();
        }
    }

    /** Redraws the live view over the previous one. */
    private void draw() {
        List<String> view = render(clock.instant(), height, width);
        StringBuilder text = new StringBuilder();
        if (drawn > 0) {
            text.append(ESC).append(drawn).append('A');
        }
        text.append('\r');
        for (String line : view) {
            text.append(ESC).append("2K").append(line).append('\n');
        }
        text.append(ESC).append('J');
        err.print(text);
        err.flush();
        drawn = view.size();
        dirty = false;
        lastDraw = clock.instant();
    }

    /** A line of its own: printed in plain mode, printed above the live view in live mode. */
    private synchronized void emit(String line) {
        if (!live) {
            err.println(line);
            return;
        }
        StringBuilder text = new StringBuilder();
        if (drawn > 0) {
            text.append(ESC).append(drawn).append('A').append('\r').append(ESC).append('J');
        }
        err.print(text.append(line).append('\n'));
        drawn = 0;
        draw();
    }

    private String plainTime() {
        return live ? "" : LocalTime.now(clock).format(TIME) + " ";
    }

    private HostState host(String address) {
        return hosts.computeIfAbsent(address, HostState::new);
    }

    private static String steps(int count) {
        return count + (count == 1 ? " step" : " steps");
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String fit(String line, int columns) {
        int max = Math.max(10, columns - 1);
        return line.length() <= max ? line : line.substring(0, max - 3) + "...";
    }

    /** {@code 12s}, {@code 3m05s}, {@code 1h02m}. */
    static String elapsed(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }

    /** An operation of the tree this printer follows. */
    private record Tracked(OperationKind kind, String host, String step, boolean planStep) {
    }

    /** One host's state in the view. */
    private static final class HostState {
        final String host;
        final Map<String, String> running = new LinkedHashMap<>();
        Status status = Status.WAITING;
        Instant stepStarted = Instant.EPOCH;
        int done;
        String lastLine = "";
        String progress = "";
        String failedStep;

        HostState(String host) {
            this.host = host;
        }
    }

    /** An output stream handing each complete line to a consumer ({@link ProgressPrinter}'s lines to the view). */
    private static final class LineSink extends OutputStream {
        private final Consumer<String> consumer;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        LineSink(Consumer<String> consumer) {
            this.consumer = consumer;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                consumer.accept(buffer.toString(StandardCharsets.UTF_8));
                buffer.reset();
            } else {
                buffer.write(b);
            }
        }
    }
}
