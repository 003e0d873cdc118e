package io.sealer.api.event;

import java.util.function.Consumer;

/**
 * A {@link ProgressListener} that hands each event to the handler for its type; types without a handler are ignored.
 *
 * <pre>{@code
 * ProgressListener listener = ProgressListener.dispatcher()
 *         .onStarted(e -> log.info("{} {}", e.operation().kind(), e.description()))
 *         .onWarning(w -> log.warn("{}: {}", w.location(), w.message()))
 *         .build();
 * }</pre>
 */
public final class EventDispatcher implements ProgressListener {
    private final Consumer<ProgressEvent.Started> started;
    private final Consumer<ProgressEvent.Progressed> progressed;
    private final Consumer<ProgressEvent.Finished> finished;
    private final Consumer<ProgressEvent.Failed> failed;
    private final Consumer<ProgressEvent.Warning> warning;
    private final Consumer<ProgressEvent.LogLine> logLine;

    private EventDispatcher(Builder builder) {
        this.started = builder.started;
        this.progressed = builder.progressed;
        this.finished = builder.finished;
        this.failed = builder.failed;
        this.warning = builder.warning;
        this.logLine = builder.logLine;
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    public void onEvent(ProgressEvent event) {
        if (event instanceof ProgressEvent.Started e) {
            started.accept(e);
        } else if (event instanceof ProgressEvent.Progressed e) {
            progressed.accept(e);
        } else if (event instanceof ProgressEvent.Finished e) {
            finished.accept(e);
        } else if (event instanceof ProgressEvent.Failed e) {
            failed.accept(e);
        } else if (event instanceof ProgressEvent.Warning e) {
            warning.accept(e);
        } else if (event instanceof ProgressEvent.LogLine e) {
            logLine.accept(e);
        } else {
            throw new IllegalStateException("unknown event type " + event.getClass().getName());
        }
    }

    /** Collects the handlers of an {@link EventDispatcher}. */
    public static final class Builder {
        private Consumer<ProgressEvent.Started> started = e -> { };
        private Consumer<ProgressEvent.Progressed> progressed = e -> { };
        private Consumer<ProgressEvent.Finished> finished = e -> { };
        private Consumer<ProgressEvent.Failed> failed = e -> { };
        private Consumer<ProgressEvent.Warning> warning = e -> { };
        private Consumer<ProgressEvent.LogLine> logLine = e -> { };

        private Builder() {
        }

        /** Handles {@link ProgressEvent.Started}. */
        public Builder onStarted(Consumer<ProgressEvent.Started> handler) {
            this.started = handler;
            return this;
        }

        /** Handles {@link ProgressEvent.Progressed}. */
        public Builder onProgressed(Consumer<ProgressEvent.Progressed> handler) {
            this.progressed = handler;
            return this;
        }

        /** Handles {@link ProgressEvent.Finished}. */
        public Builder onFinished(Consumer<ProgressEvent.Finished> handler) {
            this.finished = handler;
            return this;
        }

        /** Handles {@link ProgressEvent.Failed}. */
        public Builder onFailed(Consumer<ProgressEvent.Failed> handler) {
            this.failed = handler;
            return this;
        }

        /** Handles {@link ProgressEvent.Warning}. */
        public Builder onWarning(Consumer<ProgressEvent.Warning> handler) {
            this.warning = handler;
            return this;
        }

        /** Handles {@link ProgressEvent.LogLine}. */
        public Builder onLogLine(Consumer<ProgressEvent.LogLine> handler) {
            this.logLine = handler;
            return this;
        }

        /** The dispatcher. */
        public EventDispatcher build() {
            return new EventDispatcher(this);
        }
    }
}
