package io.sealer.core.internal.apply;

import io.sealer.api.cluster.ApplyOptions;
import io.sealer.api.cluster.ClusterPlan;
import io.sealer.api.event.Progress;
import io.sealer.core.internal.apply.state.Journal;
import io.sealer.core.internal.plan.Capture;
import io.sealer.core.internal.plan.InstallPlan;
import io.sealer.core.internal.plan.Step;
import io.sealer.core.internal.plan.StepAction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** What the executor tests share: fake hosts, recorded events, journals in a temporary cluster directory. */
abstract class ExecutorFixture {
    static final String PHASE = "phase";

    @TempDir
    Path dir;

    final FakeHosts hosts = new FakeHosts();
    final RecordedEvents events = new RecordedEvents();
    PhaseHooks hooks = PhaseHooks.NONE;
    private final List<Journal> journals = new ArrayList<>();

    @AfterEach
    void closeJournals() {
        journals.forEach(Journal::close);
    }

    Journal journal(InstallPlan plan) {
        return journal(dir.resolve("cluster"), plan);
    }

    Journal journal(Path clusterDir, InstallPlan plan) {
        Journal journal = Journal.open(clusterDir, plan.fingerprint());
        journals.add(journal);
        return journal;
    }

    PlanExecutor executor(Journal journal, int parallelism) {
        return new PlanExecutor(hosts, hooks, ApplyOptions.DEFAULTS.withParallelism(parallelism),
                Progress.to(events), journal).withRetryBackoff(Duration.ZERO);
    }

    static String id(String name, String host) {
        return Step.id(PHASE, name, host);
    }

    /** A step running {@code script} on {@code host}; {@code after} are names of steps (any host: give full ids). */
    static Step exec(String name, String host, String script, String... after) {
        return step(name, host, StepAction.Exec.of(script), after);
    }

    static Step capture(String name, String host, String script, Capture capture, String... after) {
        return step(name, host, new StepAction.Exec(script, Map.of(), Set.of(), Optional.of(capture)), after);
    }

    static Step step(String name, String host, StepAction action, String... after) {
        return new Step(id(name, host), PHASE, host, name + " on " + host, action, List.of(after));
    }

    static InstallPlan plan(Step... steps) {
        return plan(List.of(steps));
    }

    static InstallPlan plan(List<Step> steps) {
        return new InstallPlan("c1", "kubernetes:v1.22.15", ClusterPlan.CREATE, steps, List.of());
    }
}
