package io.sealer.ssh.internal.exec;

import io.sealer.api.HostException;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.event.Subject;
import io.sealer.api.spi.ExecResult;
import io.sealer.api.spi.RemoteCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link RemoteCommand}s on one host with root's privilege: output streamed line by line (secrets redacted) as
 * log events of a {@link OperationKind#STEP} operation naming the host, the exit status returned with the last lines,
 * and on timeout the command's whole process group killed.
 */
public final class CommandExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);
    private static final int STEP_NAME_LENGTH = 60;

    private final RemoteShell shell;
    private final Duration defaultTimeout;

    /**
     * @param shell the host's shell
     * @param defaultTimeout the bound of a command that sets none
     */
    public CommandExecutor(RemoteShell shell, Duration defaultTimeout) {
        this.shell = shell;
        this.defaultTimeout = defaultTimeout;
    }

    /**
     * Runs {@code command} and reports under {@code progress}.
     *
     * @throws HostException when it cannot run, times out (its process group is killed) or the connection drops
     *     while it runs (it is not run again)
     */
    public ExecResult exec(RemoteCommand command, Progress progress) {
        Redactor redactor = shell.redactor().and(command.secrets());
        String shown = redactor.apply(command.command());
        String token = ScriptEnvelope.randomToken();
        String script = CommandScript.of(command, token);
        Duration timeout = command.timeout().orElse(defaultTimeout);
        String host = shell.host();
        Progress step = progress.start(OperationKind.STEP, Subject.host(host).withStep(stepName(shown)), shown);
        OutputTail tail = new OutputTail(OutputTail.DEFAULT_LINES);
        AtomicLong group = new AtomicLong(-1);
        LineSplitter out = new LineSplitter(line -> report(step, ProgressEvent.Stream.STDOUT, redactor.apply(line),
                tail));
        LineSplitter err = new LineSplitter(line -> {
            if (group.get() < 0) {
                long announced = CommandScript.groupLine(line, token);
                if (announced >= 0) {
                    group.set(announced);
                    return;
                }
            }
            report(step, ProgressEvent.Stream.STDERR, redactor.apply(line), tail);
        });
        LOG.debug("{}: running `{}`", host, shown);
        long started = System.nanoTime();
        RemoteProcess process;
        try {
            process = shell.start(script, true, out, err);
        } catch (HostException e) {
            step.failed(e.problem());
            throw e;
        }
        try (process) {
            try {
                process.closeStdin();
            } catch (IOException e) {
                LOG.debug("{}: could not close the standard input of `{}`: {}", host, shown, e.toString());
            }
            if (!process.await(timeout)) {
                // close the channel first, so the kill can have its slot even when every slot is taken
                process.close();
                out.close();
                err.close();
                boolean killed = kill(group.get(), shown);
                throw failed(step, "`" + shown + "` timed out after " + Durations.text(timeout)
                        + (killed ? "; its process group was killed" : "; it could not be killed (no process group"
                                + " was announced), its channel was closed") + tail.forMessage());
            }
            out.close();
            err.close();
            if (process.connectionLost()) {
                throw failed(step, "the SSH connection dropped while `" + shown + "` was running; it may or may not"
                        + " have finished, and it was not run again" + tail.forMessage());
            }
            int code = process.exitCode();
            LOG.debug("{}: `{}` exited {} after {}", host, shown, code,
                    Durations.text(Duration.ofNanos(System.nanoTime() - started)));
            step.finished("exit status " + code);
            return new ExecResult(code, tail.lines());
        }
    }

    private boolean kill(long group, String shown) {
        if (group <= 1) {
            return false;
        }
        try {
            RemoteShell.Captured result = shell.run(CommandScript.killGroup(group), true, new byte[0],
                    Duration.ofSeconds(30));
            LOG.debug("{}: killed the process group {} of `{}` (exit {})", shell.host(), group, shown,
                    result.exitCode());
            return result.succeeded();
        } catch (HostException e) {
            LOG.warn("{}: could not kill the process group {} of `{}`: {}", shell.host(), group, shown,
                    e.getMessage());
            return false;
        }
    }

    private static void report(Progress step, ProgressEvent.Stream stream, String line, OutputTail tail) {
        tail.add(line);
        step.log(stream, line);
        if (LOG.isTraceEnabled()) {
            LOG.trace("{} {}", stream == ProgressEvent.Stream.STDOUT ? ">" : "!", line);
        }
    }

    private HostException failed(Progress step, String problem) {
        step.failed(problem);
        return new HostException(shell.host(), problem, null);
    }

    private static String stepName(String shown) {
        String first = shown.strip().lines().findFirst().orElse("");
        return first.length() <= STEP_NAME_LENGTH ? first : first.substring(0, STEP_NAME_LENGTH - 1) + "…";
    }
}
