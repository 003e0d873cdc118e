package io.sealer.core.internal.apply;

import io.sealer.api.HostException;
import io.sealer.api.HostUnreachableException;
import io.sealer.api.SealerException;
import io.sealer.api.StepFailedException;
import io.sealer.api.event.Progress;
import io.sealer.api.spi.ExecResult;
import io.sealer.api.spi.HostSession;
import io.sealer.api.spi.RemoteCommand;
import io.sealer.core.internal.plan.Capture;
import io.sealer.core.internal.plan.Facts;
import io.sealer.core.internal.plan.Step;
import io.sealer.core.internal.plan.StepAction;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Step} on its host and returns the facts it learned. A step whose host could not be reached (nothing
 * ran) is tried once more after a pause; any other failure, a command whose connection dropped while it ran included,
 * ends the step. Every failure is a {@link StepFailedException} naming the host and the step, free of secrets.
 */
final class StepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);
    private static final int ATTEMPTS = 2;
    private static final int MESSAGE_LINES = 20;

    private final HostSessions sessions;
    private final PhaseHooks hooks;
    private final Duration stepTimeout;
    private final Duration retryBackoff;

    StepRunner(HostSessions sessions, PhaseHooks hooks, Duration stepTimeout, Duration retryBackoff) {
        this.sessions = sessions;
        this.hooks = hooks;
        this.stepTimeout = stepTimeout;
        this.retryBackoff = retryBackoff;
    }

    /**
     * Runs {@code step} with the facts known so far, reporting under {@code progress} (the step's operation).
     *
     * @return the facts the step learned (empty unless it captures)
     * @throws StepFailedException when it failed
     */
    Map<String, String> run(Step step, Facts facts, Progress progress) {
        Redaction redaction = Redaction.of(secretsOf(step, facts));
        for (int attempt = 1; ; attempt++) {
            try {
                HostSession session = sessions.session(step.host());
                return perform(step, session, facts, progress);
            } catch (HostUnreachableException e) {
                String problem = redaction.apply(e.problem());
                if (attempt >= ATTEMPTS) {
                    throw new StepFailedException(step.host(), step.id(), null, List.of(),
                            "the host could not be reached (tried " + ATTEMPTS + " times): " + problem, e);
                }
                LOG.info("{}: host unreachable for step {} ({}); trying again in {} ms", step.host(), step.id(),
                        problem, retryBackoff.toMillis());
                progress.warning("", "the host could not be reached (" + problem + "); trying again in "
                        + retryBackoff.toMillis() + " ms");
                pause(step);
            } catch (StepFailedException e) {
                throw e;
            } catch (SealerException e) {
                String problem = e instanceof HostException host ? host.problem() : e.getMessage();
                throw new StepFailedException(step.host(), step.id(), null, List.of(), redaction.apply(problem), e);
            } catch (RuntimeException e) {
                throw new StepFailedException(step.host(), step.id(), null, List.of(),
                        redaction.apply(String.valueOf(e.getMessage())), e);
            }
        }
    }

    private Map<String, String> perform(Step step, HostSession session, Facts facts, Progress progress) {
        StepAction action = step.action();
        if (action instanceof StepAction.Exec exec) {
            return exec(step, exec, session, facts, progress);
        }
        if (action instanceof StepAction.SendTree tree) {
            session.sendTree(tree.local(), facts.render(tree.remoteDir()), tree.contentId(), progress);
            return Map.of();
        }
        if (action instanceof StepAction.SendFile file) {
            RemoteFileScript script = RemoteFileScript.of(facts.render(file.content()),
                    facts.render(file.remotePath()), file.mode());
            Set<String> secrets = new HashSet<>(facts.secrets());
            secrets.add(script.payload());
            command(step, session, new RemoteCommand(script.script(), Map.of(), Optional.of(stepTimeout), secrets),
                    Redaction.of(secrets), false, progress);
            return Map.of();
        }
        if (action instanceof StepAction.Hook hook) {
            hooks.run(step, hook, facts, progress);
            return Map.of();
        }
        throw new IllegalStateException("unknown step action " + action.getClass().getName());
    }

    private Map<String, String> exec(Step step, StepAction.Exec exec, HostSession session, Facts facts,
            Progress progress) {
        Set<String> secrets = secretsOf(step, facts);
        Map<String, String> env = new LinkedHashMap<>();
        exec.env().forEach((name, value) -> env.put(name, facts.render(value)));
        RemoteCommand command = new RemoteCommand(facts.render(exec.script()), env, Optional.of(stepTimeout),
                secrets);
        Optional<Capture> capture = exec.capture();
        boolean join = capture.filter(c -> c == Capture.KUBEADM_JOIN).isPresent();
        Redaction redaction = join ? Redaction.of(secrets).withKubeadmOutput() : Redaction.of(secrets);
        StepOutput output = command(step, session, command, redaction, join, progress);
        if (capture.isEmpty()) {
            return Map.of();
        }
        return switch (capture.get()) {
            case KUBEADM_JOIN -> joinValues(step, output, redaction);
            case HOSTNAME -> hostname(step, output);
        };
    }

    /**
     * Runs {@code command}, its output going to the step's operation (keeping every line as printed when
     * {@code keepPrinted}); fails the step on a non-zero exit.
     */
    private StepOutput command(Step step, HostSession session, RemoteCommand command, Redaction redaction,
            boolean keepPrinted, Progress progress) {
        StepOutput output = new StepOutput(progress, redaction, keepPrinted);
        ExecResult result;
        try {
            result = session.exec(command, Progress.to(output));
        } catch (HostUnreachableException e) {
            throw e;
        } catch (HostException e) {
            throw new StepFailedException(step.host(), step.id(), null, output.last(MESSAGE_LINES),
                    redaction.apply(e.problem()), e);
        }
        if (output.isEmpty()) {
            // a connector that reported no lines: its result's last lines are all there is
            result.lastLines().forEach(output::stdout);
        }
        if (!result.succeeded()) {
            throw new StepFailedException(step.host(), step.id(), result.exitStatus(), output.last(MESSAGE_LINES),
                    step.title().isBlank() ? "the remote command failed" : redaction.apply(step.title()), null);
        }
        return output;
    }

    private static Map<String, String> joinValues(Step step, StepOutput output, Redaction redaction) {
        Map<String, String> values = Facts.parseJoin(output.printed());
        Redaction all = redaction.and(values.values());
        if (!values.containsKey(Facts.TOKEN) || !values.containsKey(Facts.CA_HASH)) {
            throw new StepFailedException(step.host(), step.id(), null, all.apply(output.last(MESSAGE_LINES)),
                    "its output has no join command: the " + (values.containsKey(Facts.TOKEN)
                            ? "CA certificate hash (--discovery-token-ca-cert-hash)" : "join token (--token)")
                            + " was not found, so no other host can join", null);
        }
        return values;
    }

    private static Map<String, String> hostname(Step step, StepOutput output) {
        String name = output.firstStdout().map(line -> line.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new StepFailedException(step.host(), step.id(), null, output.last(MESSAGE_LINES),
                        "it printed no host name on its standard output", null));
        return Map.of(Facts.hostname(step.host()), name);
    }

    /** The values to hide while {@code step} runs: the facts' secrets and the step's own. */
    static Set<String> secretsOf(Step step, Facts facts) {
        Set<String> secrets = new HashSet<>(facts.secrets());
        if (step.action() instanceof StepAction.Exec exec) {
            secrets.addAll(exec.secrets());
        }
        return secrets;
    }

    private void pause(Step step) {
        try {
            TimeUnit.NANOSECONDS.sleep(retryBackoff.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailedException(step.host(), step.id(), null, List.of(),
                    "interrupted while waiting to try again", e);
        }
    }
}
