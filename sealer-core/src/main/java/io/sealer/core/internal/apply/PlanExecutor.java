package io.sealer.core.internal.apply;

import io.sealer.api.cluster.ApplyOptions;
import io.sealer.api.cluster.ApplyResult;
import io.sealer.api.event.Progress;
import io.sealer.core.internal.apply.state.Journal;
import io.sealer.core.internal.plan.InstallPlan;
import java.time.Duration;
import java.util.Objects;

/**
 * Runs an {@link InstallPlan} over the hosts' sessions.
 *
 * <ul>
 *   <li>Steps the journal records as done are skipped (reported as resumed) and the facts it holds (the join token,
 *       the hosts' names) fill the placeholders of later steps.</li>
 *   <li>A step starts when every step it comes after is done; a host runs one step at a time; at most
 *       {@link ApplyOptions#parallelism()} hosts work at once; ready steps start in plan order.</li>
 *   <li>Each finished step is recorded in the journal before any step after it starts. At the first failure no new
 *       step starts, the running ones finish (and are recorded), and the failure is thrown as a
 *       {@link io.sealer.api.StepFailedException}. A step whose host could not be reached is tried once more after
 *       the {@linkplain #withRetryBackoff backoff}; a command whose connection dropped while it ran is never run
 *       again.</li>
 *   <li>An interrupt of the calling thread stops the run: running steps are interrupted, the journal keeps only what
 *       finished, and a {@link io.sealer.api.SealerException} says that re-running resumes.</li>
 *   <li>Progress: one {@code APPLY} operation, one {@code HOST} operation per host that works, one {@code STEP}
 *       operation per step run, with the step's output lines (secrets replaced by {@code ***}).</li>
 * </ul>
 *
 * <p>The executor does not {@linkplain Journal#complete() complete} the journal: the caller does that once it has
 * saved the cluster. Instances are immutable; one may run several plans one after the other.
 */
public final class PlanExecutor {
    /** Default pause before a step whose host could not be reached is tried again. */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(2);

    private final HostSessions sessions;
    private final PhaseHooks hooks;
    private final ApplyOptions options;
    private final Progress parent;
    private final Journal journal;
    private final Duration retryBackoff;

    /**
     * @param sessions the hosts' sessions
     * @param hooks runs the plugins of hook steps
     * @param options parallelism and step timeout
     * @param parent where the {@code APPLY} operation reports; {@link ApplyOptions#listener()} gets its events too
     * @param journal the cluster's journal, opened for the plan's fingerprint
     */
    public PlanExecutor(HostSessions sessions, PhaseHooks hooks, ApplyOptions options, Progress parent,
            Journal journal) {
        this(sessions, hooks, options, parent, journal, DEFAULT_RETRY_BACKOFF);
    }

    private PlanExecutor(HostSessions sessions, PhaseHooks hooks, ApplyOptions options, Progress parent,
            Journal journal, Duration retryBackoff) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.options = Objects.requireNonNull(options, "options");
        this.parent = Objects.requireNonNull(parent, "parent");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retryBackoff must not be negative, got " + retryBackoff);
        }
    }

    /** This executor with another pause before a step whose host could not be reached is tried again. */
    public PlanExecutor withRetryBackoff(Duration value) {
        return new PlanExecutor(sessions, hooks, options, parent, journal, value);
    }

    /**
     * Runs {@code plan} to its end.
     *
     * @return what ran on each host, in plan order
     * @throws io.sealer.api.StepFailedException for the first step that failed (later failures are suppressed
     *     exceptions of it)
     * @throws io.sealer.api.SealerException when the calling thread was interrupted (its interrupt flag is set again)
     */
    public ApplyResult execute(InstallPlan plan) {
        Objects.requireNonNull(plan, "plan");
        StepRunner runner = new StepRunner(sessions, hooks, options.stepTimeout(), retryBackoff);
        return new ApplyRun(plan, runner, journal, options.parallelism(), parent.alsoTo(options.listener())).run();
    }
}
