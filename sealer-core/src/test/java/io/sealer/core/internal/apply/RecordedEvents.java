package io.sealer.core.internal.apply;

import io.sealer.api.event.Operation;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.event.ProgressListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/** Every event a listener got, in order; thread-safe. */
final class RecordedEvents implements ProgressListener {
    private final List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final List<ProgressListener> also = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onEvent(ProgressEvent event) {
        events.add(event);
        synchronized (also) {
            also.forEach(l -> l.onEvent(event));
        }
    }

    /** Passes every later event to {@code listener} too. */
    void also(ProgressListener listener) {
        also.add(listener);
    }

    List<ProgressEvent> all() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    <T extends ProgressEvent> List<T> of(Class<T> type) {
        return all().stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends ProgressEvent> List<T> of(Class<T> type, OperationKind kind) {
        return of(type).stream().filter(e -> e.operation().kind() == kind).toList();
    }

    List<ProgressEvent> matching(Predicate<ProgressEvent> test) {
        return all().stream().filter(test).toList();
    }

    /** Every text the events carry: descriptions, summaries, errors, warnings, lines and subjects. */
    String text() {
        StringBuilder text = new StringBuilder();
        for (ProgressEvent event : all()) {
            Operation operation = event.operation();
            text.append(operation.subject()).append('\n');
            if (event instanceof ProgressEvent.Started e) {
                text.append(e.description());
            } else if (event instanceof ProgressEvent.Finished e) {
                text.append(e.summary());
            } else if (event instanceof ProgressEvent.Failed e) {
                text.append(e.error());
            } else if (event instanceof ProgressEvent.Warning e) {
                text.append(e.location()).append(' ').append(e.message());
            } else if (event instanceof ProgressEvent.LogLine e) {
                text.append(e.line());
            }
            text.append('\n');
        }
        return text.toString();
    }
}
