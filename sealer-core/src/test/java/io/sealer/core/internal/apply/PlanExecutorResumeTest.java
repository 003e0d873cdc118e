package io.sealer.core.internal.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sealer.api.HostException;
import io.sealer.api.SealerException;
import io.sealer.api.StepFailedException;
import io.sealer.api.cluster.ApplyResult;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.ProgressEvent;
import io.sealer.core.internal.apply.state.Journal;
import io.sealer.core.internal.plan.Capture;
import io.sealer.core.internal.plan.Facts;
import io.sealer.core.internal.plan.InstallPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlanExecutorResumeTest extends ExecutorFixture {
    private static final String A = "10.0.0.1";
    private static final String B = "10.0.0.2";

    @Test
    void aRerunSkipsWhatFinishedAndKeepsTheToken() {
        InstallPlan plan = plan(
                capture("init", A, "kubeadm init", Capture.KUBEADM_JOIN),
                exec("join", B, "kubeadm join --token @@token@@ --discovery-token-ca-cert-hash @@ca-hash@@",
                        id("init", A)),
                exec("label", B, "label", id("join", B)),
                exec("post", A, "post", id("label", B)),
                exec("final", B, "final --token @@token@@", id("post", A)));
        AtomicBoolean labelFails = new AtomicBoolean(true);
        hosts.handler((host, command) -> switch (command.command()) {
            case "kubeadm init" -> new FakeHosts.Reply(0, KubeadmOutput.INIT, List.of());
            case "label" -> labelFails.get() ? FakeHosts.Reply.exit(3, "no such node") : FakeHosts.Reply.ok();
            default -> FakeHosts.Reply.ok();
        });

        Journal first = journal(plan);
        StepFailedException failure = catchThrowableOfType(() -> executor(first, 4).execute(plan),
                StepFailedException.class);
        assertThat(failure.step()).isEqualTo(id("label", B));
        assertThat(failure.exitStatus()).contains(3);
        assertThat(first.done()).containsExactlyInAnyOrder(id("init", A), id("join", B));
        first.close();

        labelFails.set(false);
        Journal second = journal(plan);
        ApplyResult result = executor(second, 4).execute(plan);

        assertThat(result.host(A).orElseThrow().resumed()).containsExactly(id("init", A));
        assertThat(result.host(A).orElseThrow().ran()).containsExactly(id("post", A));
        assertThat(result.host(B).orElseThrow().resumed()).containsExactly(id("join", B));
        assertThat(result.host(B).orElseThrow().ran()).containsExactly(id("label", B), id("final", B));
        assertThat(result.stepsResumed()).isEqualTo(2);
        assertThat(hosts.texts()).filteredOn("kubeadm init"::equals).hasSize(1);
        assertThat(hosts.texts()).contains("final --token " + KubeadmOutput.TOKEN);
        assertThat(second.facts().get(Facts.TOKEN)).contains(KubeadmOutput.TOKEN);
    }

    @Test
    void theFirstFailureStopsTheRunAndNamesHostStepExitAndLastLines() {
        InstallPlan plan = plan(
                exec("broken", A, "broken"),
                exec("other", B, "other"),
                exec("after", A, "after", id("broken", A)));
        List<String> output = IntStream.rangeClosed(1, 30).mapToObj(i -> "output line " + i).toList();
        hosts.handler((host, command) -> command.command().equals("broken")
                ? new FakeHosts.Reply(2, output, List.of()) : FakeHosts.Reply.ok());
        Journal journal = journal(plan);

        StepFailedException failure = catchThrowableOfType(() -> executor(journal, 1).execute(plan),
                StepFailedException.class);

        assertThat(hosts.texts()).containsExactly("broken");
        assertThat(failure.source()).contains(A);
        assertThat(failure.step()).isEqualTo(id("broken", A));
        assertThat(failure.exitStatus()).contains(2);
        assertThat(failure.lastLines()).hasSize(20).startsWith("output line 11").endsWith("output line 30");
        assertThat(failure.getMessage()).contains(A, id("broken", A), "exit status 2", "output line 30")
                .doesNotContain("output line 10\n");
        assertThat(journal.done()).isEmpty();
        assertThat(events.of(ProgressEvent.Failed.class, OperationKind.STEP)).hasSize(1);
        assertThat(events.of(ProgressEvent.Failed.class, OperationKind.HOST)).hasSize(1);
        assertThat(events.of(ProgressEvent.Failed.class, OperationKind.APPLY)).hasSize(1);
        assertThat(events.of(ProgressEvent.Finished.class)).isEmpty();
    }

    @Test
    void stepsRunningAtTheFailureFinishAndAreRecorded() {
        InstallPlan plan = plan(
                exec("slow", A, "slow"),
                exec("broken", B, "broken"),
                exec("after-slow", A, "after-slow", id("slow", A)));
        CountDownLatch failureKnown = new CountDownLatch(1);
        events.also(event -> {
            if (event instanceof ProgressEvent.Failed && event.operation().kind() == OperationKind.STEP) {
                failureKnown.countDown();
            }
        });
        hosts.handler((host, command) -> {
            if (command.command().equals("slow")) {
                if (!failureKnown.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the failure was never reported");
                }
                return FakeHosts.Reply.ok();
            }
            return command.command().equals("broken") ? FakeHosts.Reply.exit(1, "broken") : FakeHosts.Reply.ok();
        });
        Journal journal = journal(plan);

        StepFailedException failure = catchThrowableOfType(() -> executor(journal, 2).execute(plan),
                StepFailedException.class);

        assertThat(failure.step()).isEqualTo(id("broken", B));
        assertThat(journal.done()).containsExactly(id("slow", A));
        assertThat(hosts.texts()).doesNotContain("after-slow");
        // host A did not do all its steps: its operation failed, though its one step finished
        assertThat(events.of(ProgressEvent.Finished.class, OperationKind.STEP)).hasSize(1);
        assertThat(events.of(ProgressEvent.Finished.class, OperationKind.HOST)).isEmpty();
        assertThat(events.of(ProgressEvent.Failed.class, OperationKind.HOST)).hasSize(2);
    }

    @Test
    void laterFailuresAreSuppressedByTheFirst() {
        InstallPlan plan = plan(exec("one", A, "one"), exec("two", B, "two"));
        CountDownLatch bothRunning = new CountDownLatch(2);
        hosts.handler((host, command) -> {
            bothRunning.countDown();
            bothRunning.await(30, TimeUnit.SECONDS);
            return FakeHosts.Reply.exit(1, "failed " + command.command());
        });

        StepFailedException failure = catchThrowableOfType(() -> executor(journal(plan), 2).execute(plan),
                StepFailedException.class);

        assertThat(failure.getSuppressed()).hasSize(1);
        assertThat(List.of(failure.step(), ((StepFailedException) failure.getSuppressed()[0]).step()))
                .containsExactlyInAnyOrder(id("one", A), id("two", B));
    }

    @Test
    void anInterruptStopsTheRunKeepsWhatFinishedAndSaysThatARerunResumes() throws Exception {
        InstallPlan plan = plan(
                exec("blocked", A, "blocked"),
                exec("quick", B, "quick"),
                exec("blocked-too", B, "blocked-too", id("quick", B)));
        CountDownLatch bothBlocked = new CountDownLatch(2);
        CountDownLatch never = new CountDownLatch(1);
        List<String> interrupted = new ArrayList<>();
        hosts.handler((host, command) -> {
            if (command.command().startsWith("blocked")) {
                bothBlocked.countDown();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    synchronized (interrupted) {
                        interrupted.add(command.command());
                    }
                    throw new HostException(host, "interrupted while running", e);
                }
            }
            return FakeHosts.Reply.ok();
        });
        Journal journal = journal(plan);
        PlanExecutor executor = executor(journal, 4);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagAfter = new AtomicBoolean();
        Thread runner = new Thread(() -> {
            try {
                executor.execute(plan);
            } catch (Throwable e) {
                thrown.set(e);
            }
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        runner.start();
        assertThat(bothBlocked.await(30, TimeUnit.SECONDS)).isTrue();

        runner.interrupt();
        runner.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(runner.isAlive()).isFalse();
        assertThat(thrown.get()).isExactlyInstanceOf(SealerException.class)
                .hasMessageContaining("interrupted").hasMessageContaining("resumes");
        assertThat(flagAfter.get()).isTrue();
        assertThat(interrupted).containsExactlyInAnyOrder("blocked", "blocked-too");
        assertThat(journal.done()).containsExactly(id("quick", B));
        assertThat(events.of(ProgressEvent.Failed.class, OperationKind.APPLY)).hasSize(1);
        assertThat(events.of(ProgressEvent.Finished.class, OperationKind.STEP))
                .extracting(e -> e.operation().subject().step().orElseThrow()).containsExactly(id("quick", B));
    }

    @Test
    void anEmptyPlanFinishesAtOnce() {
        InstallPlan plan = plan(List.of());

        ApplyResult result = executor(journal(plan), 4).execute(plan);

        assertThat(result.hosts()).isEmpty();
        assertThat(events.of(ProgressEvent.Finished.class, OperationKind.APPLY)).hasSize(1);
    }

    @Test
    void aPlanAllDoneRunsNothing() {
        InstallPlan plan = plan(exec("one", A, "one"), exec("two", A, "two", id("one", A)));
        Journal journal = journal(plan);
        executor(journal, 4).execute(plan);
        hosts.calls.clear();

        ApplyResult again = executor(journal, 4).execute(plan);

        assertThat(hosts.calls).isEmpty();
        assertThat(again.host(A).orElseThrow().resumed()).containsExactly(id("one", A), id("two", A));
        assertThat(again.stepsRun()).isZero();
        assertThatThrownBy(() -> again.hosts().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }
}
