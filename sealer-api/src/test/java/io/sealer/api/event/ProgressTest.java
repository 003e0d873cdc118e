package io.sealer.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.image.ImageReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final List<ProgressEvent> events = new ArrayList<>();

    @Test
    void childrenNameTheirParentAndIdsAreUniqueAcrossTrees() {
        Progress root = Progress.to(events::add);
        Progress pull = root.start(OperationKind.PULL, Subject.image(ImageReference.parse("app:1")), "pulling");
        Progress blob = pull.start(OperationKind.BLOB, Subject.digest("sha256:aa"), "downloading");
        blob.progressed(5, 10);
        blob.finished("done");
        pull.failed("boom");
        Progress.to(events::add).start(OperationKind.PUSH, Subject.NONE, "other tree");

        assertThat(events).hasSize(6);
        Operation pullOp = events.get(0).operation();
        Operation blobOp = events.get(1).operation();
        assertThat(pullOp.parentId()).isEmpty();
        assertThat(blobOp.parentId()).hasValue(pullOp.id());
        assertThat(events.get(2)).isEqualTo(new ProgressEvent.Progressed(blobOp, 5, 10));
        assertThat(events.get(4)).isEqualTo(new ProgressEvent.Failed(pullOp, "boom"));
        assertThat(events.stream().map(e -> e.operation().id()).distinct()).hasSize(3);
    }

    @Test
    void alsoToSharesTheIdSpaceAndAThrowingListenerDoesNotStopTheOperation() {
        List<ProgressEvent> extra = new ArrayList<>();
        Progress root = Progress.to(events::add).alsoTo(extra::add);
        Progress failing = Progress.to(e -> {
            throw new IllegalStateException("listener bug");
        });

        root.start(OperationKind.BUILD, Subject.NONE, "a").finished("ok");
        failing.start(OperationKind.BUILD, Subject.NONE, "b").finished("still ok");

        assertThat(extra).containsExactlyElementsOf(events).hasSize(2);
    }

    @Test
    void warningsOutsideAnOperationGetOneOfTheirOwn() {
        Progress.to(events::add).warning("Kubefile:3", "deprecated");

        assertThat(events).singleElement().isInstanceOfSatisfying(ProgressEvent.Warning.class, w -> {
            assertThat(w.location()).isEqualTo("Kubefile:3");
            assertThat(w.operation().kind()).isEqualTo(OperationKind.OTHER);
        });
        assertThat(Progress.NONE.silent()).isTrue();
    }

    @Test
    void theDispatcherCallsTheHandlerOfEachTypeOnly() {
        List<String> seen = new ArrayList<>();
        ProgressListener listener = ProgressListener.dispatcher()
                .onStarted(e -> seen.add("started " + e.description()))
                .onWarning(e -> seen.add("warning " + e.message()))
                .onLogLine(e -> seen.add(e.stream() + " " + e.line()))
                .build();
        Progress op = Progress.to(listener).start(OperationKind.STEP, Subject.host("10.0.0.2"), "kubeadm init");
        op.progressed(1, 2);
        op.warning("", "slow");
        op.log(ProgressEvent.Stream.STDERR, "W1130 preflight");
        op.finished("ok");

        assertThat(seen).containsExactly("started kubeadm init", "warning slow", "STDERR W1130 preflight");
    }

    @Test
    void subjectsPrintOnlyTheirFields() {
        assertThat(Subject.host("10.0.0.2").withPhase("PreInit").withStep("init").toString())
                .isEqualTo("host=10.0.0.2 phase=PreInit step=init");
        assertThat(Subject.NONE.toString()).isEmpty();
    }
}
