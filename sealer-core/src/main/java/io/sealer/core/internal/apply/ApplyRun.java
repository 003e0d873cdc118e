package io.sealer.core.internal.apply;

import io.sealer.api.SealerException;
import io.sealer.api.StepFailedException;
import io.sealer.api.cluster.ApplyResult;
import io.sealer.api.cluster.HostOutcome;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Progress;
import io.sealer.api.event.Subject;
import io.sealer.core.internal.apply.state.Journal;
import io.sealer.core.internal.plan.Facts;
import io.sealer.core.internal.plan.InstallPlan;
import io.sealer.core.internal.plan.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of an {@link InstallPlan}: schedules the ready steps on a bounded pool (one thread per busy host),
 * records each finished step in the journal before any step after it starts, stops starting steps at the first
 * failure or interrupt, and reports the apply, host and step operations.
 */
final class ApplyRun {
    private static final Logger LOG = LoggerFactory.getLogger(ApplyRun.class);
    /** How long an interrupted run waits for its running steps to notice. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(30);

    private final InstallPlan plan;
    private final List<Step> steps;
    private final StepRunner runner;
    private final Journal journal;
    private final Progress apply;
    private final ReadySteps ready;
    private final HostTrack[] hosts;
    private final ExecutorService pool;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final long started = System.nanoTime();
    private Facts facts;
    private StepFailedException failure;
    private boolean stopping;

    ApplyRun(InstallPlan plan, StepRunner runner, Journal journal, int parallelism, Progress parent) {
        this.plan = plan;
        this.steps = plan.steps();
        this.runner = runner;
        this.journal = journal;
        Set<String> done = journal.done();
        this.facts = journal.facts();
        this.ready = new ReadySteps(steps, done, parallelism);
        List<String> hostNames = ready.hosts();
        int resumed = (int) steps.stream().filter(s -> done.contains(s.id())).count();
        this.apply = parent.start(OperationKind.APPLY, Subject.step(plan.cluster()), plan.kind() + " of cluster "
                + plan.cluster() + ": " + steps.size() + " steps on " + hostNames.size() + " hosts"
                + (resumed > 0 ? ", " + resumed + " done by an earlier run" : ""));
        this.hosts = new HostTrack[hostNames.size()];
        for (int h = 0; h < hosts.length; h++) {
            hosts[h] = new HostTrack(hostNames.get(h), apply);
        }
        for (int i = 0; i < steps.size(); i++) {
            HostTrack host = hosts[ready.hostOf(i)];
            if (done.contains(steps.get(i).id())) {
                host.resumed(steps.get(i).id());
            } else {
                host.planned();
            }
        }
        int threads = Math.max(1, Math.min(parallelism, hosts.length));
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threads(plan.cluster()));
        if (resumed > 0) {
            LOG.info("cluster {}: {} of {} steps were done by an earlier run; resuming", plan.cluster(), resumed,
                    steps.size());
        }
    }

    /** Runs the plan to its end, its first failure or an interrupt. */
    ApplyResult run() {
        boolean interrupted = false;
        lock.lock();
        try {
            dispatch();
            while (!over()) {
                if (ready.running() == 0) {
                    throw new IllegalStateException("the plan cannot go on: no step is running or ready");
                }
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                    stopping = true;
                    break;
                }
            }
        } finally {
            lock.unlock();
            pool.shutdown();
        }
        if (interrupted) {
            throw interrupted();
        }
        if (failure != null) {
            String error = failure.getMessage();
            for (HostTrack host : hosts) {
                host.fail("stopped: " + firstLine(error));
            }
            apply.failed(error);
            throw failure;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        List<HostOutcome> outcomes = new ArrayList<>(hosts.length);
        for (HostTrack host : hosts) {
            outcomes.add(host.outcome());
        }
        ApplyResult result = new ApplyResult(plan.view(), outcomes, took);
        apply.finished(result.stepsRun() + " steps run" + (result.stepsResumed() > 0 ? ", "
                + result.stepsResumed() + " resumed" : "") + " in " + took.toMillis() + " ms");
        return result;
    }

    /** True when nothing runs and nothing more will start; the caller holds the lock. */
    private boolean over() {
        return ready.running() == 0 && (stopping || ready.allDone());
    }

    /** Starts the ready steps; the caller holds the lock. */
    private void dispatch() {
        if (stopping) {
            return;
        }
        for (int i : ready.take()) {
            Facts known = facts;
            pool.execute(() -> runStep(i, known));
        }
    }

    private void runStep(int i, Facts known) {
        Step step = steps.get(i);
        HostTrack host = hosts[ready.hostOf(i)];
        Redaction redaction = Redaction.of(StepRunner.secretsOf(step, known));
        Progress progress = host.progress().start(OperationKind.STEP,
                Subject.host(step.host()).withPhase(step.phase()).withStep(step.id()),
                step.title().isBlank() ? step.id() : redaction.apply(step.title()));
        Map<String, String> learned;
        try {
            learned = runner.run(step, known, progress);
            journal.markDone(step.id(), learned);
        } catch (StepFailedException e) {
            failed(i, step, host, progress, e);
            return;
        } catch (SealerException e) {
            failed(i, step, host, progress, new StepFailedException(step.host(), step.id(), null, List.of(),
                    "the step finished but could not be recorded in the journal: " + e.getMessage(), e));
            return;
        } catch (RuntimeException | Error e) {
            failed(i, step, host, progress, new StepFailedException(step.host(), step.id(), null, List.of(),
                    "unexpected error: " + redaction.apply(e.toString()), e));
            if (e instanceof Error error) {
                throw error;
            }
            return;
        }
        progress.finished("done");
        host.done(step.id());
        lock.lock();
        try {
            if (!learned.isEmpty()) {
                facts = facts.with(learned);
            }
            ready.finished(i);
            dispatch();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Step {@code i} failed: stop starting steps first, so that whoever hears of the failure knows that nothing new
     * starts; then report it; then free the host (which may end the run).
     */
    private void failed(int i, Step step, HostTrack host, Progress progress, StepFailedException e) {
        lock.lock();
        try {
            if (failure == null) {
                failure = e;
                LOG.debug("step {} failed; starting no more steps", step.id());
            } else {
                failure.addSuppressed(e);
            }
            stopping = true;
        } finally {
            lock.unlock();
        }
        progress.failed(e.getMessage());
        host.fail(e.getMessage());
        lock.lock();
        try {
            ready.failed(i);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Interrupts the running steps, waits a while for them, and gives the exception for the caller. */
    private SealerException interrupted() {
        pool.shutdownNow();
        long deadline = System.nanoTime() + INTERRUPT_GRACE.toNanos();
        lock.lock();
        try {
            while (ready.running() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("cluster {}: {} steps still running after the interrupt; not waiting for them",
                            plan.cluster(), ready.running());
                    break;
                }
                try {
                    changed.awaitNanos(left);
                } catch (InterruptedException again) {
                    // already stopping: keep waiting for the running steps, bounded by the deadline
                }
            }
        } finally {
            lock.unlock();
        }
        String message = "the apply of cluster " + plan.cluster() + " was interrupted; the steps that finished are"
                + " recorded in the journal, so running the same apply again resumes after them";
        for (HostTrack host : hosts) {
            host.fail("interrupted");
        }
        apply.failed(message);
        Thread.currentThread().interrupt();
        return new SealerException(message);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static ThreadFactory threads(String cluster) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "sealer-apply-" + cluster + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
