package io.sealer.core.internal.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.cluster.ApplyResult;
import io.sealer.api.cluster.HostOutcome;
import io.sealer.api.event.Operation;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.ProgressEvent;
import io.sealer.core.internal.apply.state.Journal;
import io.sealer.core.internal.plan.InstallPlan;
import io.sealer.core.internal.plan.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PlanExecutorSchedulingTest extends ExecutorFixture {
    private static final String M0 = "10.0.0.1";
    private static final String N1 = "10.0.0.2";
    private static final String N2 = "10.0.0.3";

    private static InstallPlan clusterPlan() {
        return plan(
                exec("prep", M0, "prep m0"),
                exec("prep", N1, "prep n1"),
                exec("prep", N2, "prep n2"),
                exec("init", M0, "init m0", id("prep", M0)),
                exec("join", N1, "join n1", id("prep", N1), id("init", M0)),
                exec("join", N2, "join n2", id("prep", N2), id("init", M0)),
                exec("post", M0, "post m0", id("join", N1), id("join", N2)));
    }

    @Test
    void aStepStartsOnlyAfterEveryStepItComesAfter() {
        InstallPlan plan = clusterPlan();
        hosts.handler((host, command) -> FakeHosts.Reply.ok("output of " + command.command()));
        Journal journal = journal(plan);

        ApplyResult result = executor(journal, 8).execute(plan);

        List<String> timeline = List.copyOf(hosts.timeline);
        for (Step step : plan.steps()) {
            String script = scriptOf(step);
            for (String before : step.after()) {
                String beforeScript = scriptOf(plan.steps().stream().filter(s -> s.id().equals(before)).findFirst()
                        .orElseThrow());
                assertThat(timeline.indexOf("start " + script)).as(step.id() + " after " + before)
                        .isGreaterThan(timeline.indexOf("end " + beforeScript));
            }
        }
        assertThat(result.plan()).isEqualTo(plan.view());
        assertThat(result.hosts()).extracting(HostOutcome::host).containsExactly(M0, N1, N2);
        assertThat(result.host(M0).orElseThrow().ran()).containsExactly(id("prep", M0), id("init", M0),
                id("post", M0));
        assertThat(result.stepsRun()).isEqualTo(7);
        assertThat(result.stepsResumed()).isZero();
        assertThat(journal.done()).hasSize(7);
    }

    @Test
    void operationsNestApplyHostStepAndFinishInOrder() {
        InstallPlan plan = clusterPlan();
        hosts.handler((host, command) -> FakeHosts.Reply.ok("output of " + command.command()));

        executor(journal(plan), 8).execute(plan);

        List<ProgressEvent.Started> applies = events.of(ProgressEvent.Started.class, OperationKind.APPLY);
        assertThat(applies).hasSize(1);
        Operation apply = applies.get(0).operation();
        assertThat(apply.subject().step()).contains("c1");
        List<ProgressEvent.Started> hostOps = events.of(ProgressEvent.Started.class, OperationKind.HOST);
        assertThat(hostOps).extracting(e -> e.operation().subject().host().orElseThrow())
                .containsExactlyInAnyOrder(M0, N1, N2);
        assertThat(hostOps).allSatisfy(e -> assertThat(e.operation().parentId()).contains(apply.id()));
        Map<String, String> hostOpIds = hostOps.stream().collect(Collectors.toMap(
                e -> e.operation().subject().host().orElseThrow(), e -> e.operation().id()));
        List<ProgressEvent.Started> stepOps = events.of(ProgressEvent.Started.class, OperationKind.STEP);
        assertThat(stepOps).hasSize(7).allSatisfy(e -> {
            Operation op = e.operation();
            assertThat(op.parentId()).contains(hostOpIds.get(op.subject().host().orElseThrow()));
            assertThat(op.subject().phase()).contains(PHASE);
            assertThat(op.subject().step().orElseThrow()).endsWith("@" + op.subject().host().orElseThrow());
        });
        // each step's output is a log line of its own STEP operation
        List<ProgressEvent.LogLine> lines = events.of(ProgressEvent.LogLine.class);
        assertThat(lines).hasSize(7).allSatisfy(line -> {
            assertThat(line.operation().kind()).isEqualTo(OperationKind.STEP);
            assertThat(line.line()).startsWith("output of ");
        });
        List<ProgressEvent> all = events.all();
        for (String host : List.of(M0, N1, N2)) {
            int hostFinished = indexOf(all, ProgressEvent.Finished.class, hostOpIds.get(host));
            int lastStepFinished = all.stream().filter(e -> e instanceof ProgressEvent.Finished
                    && e.operation().kind() == OperationKind.STEP
                    && e.operation().subject().host().orElseThrow().equals(host)).mapToInt(all::indexOf).max()
                    .orElseThrow();
            assertThat(hostFinished).as(host).isGreaterThan(lastStepFinished);
        }
        assertThat(events.of(ProgressEvent.Finished.class, OperationKind.STEP)).hasSize(7);
        assertThat(all.get(all.size() - 1)).isInstanceOf(ProgressEvent.Finished.class)
                .extracting(ProgressEvent::operation).isEqualTo(apply);
        assertThat(events.of(ProgressEvent.Failed.class)).isEmpty();
    }

    @Test
    void aHostRunsOneStepAtATimeInPlanOrder() {
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            steps.add(exec("a" + i, "10.0.1.1", "a" + i));
        }
        for (int i = 1; i <= 3; i++) {
            steps.add(exec("b" + i, "10.0.1.2", "b" + i));
        }
        InstallPlan plan = plan(steps);

        executor(journal(plan), 4).execute(plan);

        assertThat(hosts.maxPerHost.get()).isEqualTo(1);
        List<String> startsOnA = hosts.timeline.stream().filter(t -> t.startsWith("start a")).toList();
        assertThat(startsOnA).containsExactly("start a1", "start a2", "start a3", "start a4", "start a5");
    }

    @Test
    void theParallelismBoundIsReachedButNeverExceeded() throws Exception {
        int parallelism = 3;
        List<Step> steps = new ArrayList<>();
        for (int h = 1; h <= 12; h++) {
            String host = "10.0.2." + h;
            steps.add(exec("one", host, "one " + host));
            steps.add(exec("two", host, "two " + host, id("one", host)));
        }
        InstallPlan plan = plan(steps);
        BlockingQueue<CountDownLatch> arrivals = new LinkedBlockingQueue<>();
        hosts.handler((host, command) -> {
            CountDownLatch release = new CountDownLatch(1);
            arrivals.put(release);
            release.await();
            return FakeHosts.Reply.ok();
        });
        PlanExecutor executor = executor(journal(plan), parallelism);

        CompletableFuture<ApplyResult> run = CompletableFuture.supplyAsync(() -> executor.execute(plan));
        int left = steps.size();
        while (left > 0) {
            int round = Math.min(parallelism, left);
            List<CountDownLatch> running = new ArrayList<>();
            for (int i = 0; i < round; i++) {
                CountDownLatch arrived = arrivals.poll(30, TimeUnit.SECONDS);
                assertThat(arrived).as("a step arrived").isNotNull();
                running.add(arrived);
            }
            // the steps of the last round have left: exactly these are running
            assertThat(hosts.activeHosts.get()).isEqualTo(round);
            running.forEach(CountDownLatch::countDown);
            left -= round;
        }

        ApplyResult result = run.get(30, TimeUnit.SECONDS);
        assertThat(result.stepsRun()).isEqualTo(24);
        assertThat(hosts.maxActiveHosts.get()).isEqualTo(parallelism);
        assertThat(hosts.maxPerHost.get()).isEqualTo(1);
    }

    @Test
    void aThousandHostsCostLittleBesidesTheirSteps() throws Exception {
        int hostCount = 1000;
        int perHost = 5;
        List<Step> steps = new ArrayList<>(hostCount * perHost);
        for (int h = 0; h < hostCount; h++) {
            String host = "10.1." + (h / 250) + "." + (h % 250 + 1);
            for (int s = 0; s < perHost; s++) {
                steps.add(s == 0 ? exec("s0", host, "true") : exec("s" + s, host, "true", id("s" + (s - 1), host)));
            }
        }
        InstallPlan plan = plan(steps);
        // tmpfs where there is one: this measures the executor, not the disk's sync latency
        Path shm = Path.of("/dev/shm");
        Path clusterDir = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "sealer-executor-test") : dir.resolve("cluster");
        try {
            Journal journal = journal(clusterDir, plan);
            executor(journal, 32).execute(plan(exec("warm-up", "10.9.9.9", "true")));
            long started = System.nanoTime();

            ApplyResult result = executor(journal, 32).execute(plan);

            long nanosPerStep = (System.nanoTime() - started) / steps.size();
            assertThat(result.stepsRun()).isEqualTo(hostCount * perHost);
            assertThat(hosts.maxActiveHosts.get()).isLessThanOrEqualTo(32);
            assertThat(nanosPerStep).as("ns per step").isLessThan(1_000_000);
            LoggerFactory.getLogger(getClass()).info("{} steps on {} hosts: {} µs per step", steps.size(), hostCount,
                    nanosPerStep / 1000);
        } finally {
            io.sealer.core.internal.io.Trees.deleteQuietly(clusterDir);
        }
    }

    private static String scriptOf(Step step) {
        return ((io.sealer.core.internal.plan.StepAction.Exec) step.action()).script();
    }

    private static int indexOf(List<ProgressEvent> all, Class<?> type, String operationId) {
        for (int i = 0; i < all.size(); i++) {
            if (type.isInstance(all.get(i)) && all.get(i).operation().id().equals(operationId)) {
                return i;
            }
        }
        return -1;
    }
}
