package io.sealer.ssh.internal.exec;

import io.sealer.api.HostException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.sshd.client.channel.ChannelExec;

/**
 * Runs bash scripts on one host, each over an exec channel of the host's session, as the login user or with root's
 * privilege (see {@link Privilege}); the script travels on standard input ({@link ScriptEnvelope}).
 */
public final class RemoteShell {
    private static final Duration INPUT_RACE = Duration.ofSeconds(5);

    private final String host;
    private final ChannelOpener opener;
    private final Supplier<Privilege> privilege;
    private final Supplier<Redactor> redactor;

    /**
     * @param host the host's address, for messages
     * @param opener opens channels on the host's session
     * @param privilege how privileged scripts are lifted to root (asked on first use)
     * @param redactor the connection's secrets (they may grow)
     */
    public RemoteShell(String host, ChannelOpener opener, Supplier<Privilege> privilege,
            Supplier<Redactor> redactor) {
        this.host = host;
        this.opener = opener;
        this.privilege = privilege;
        this.redactor = redactor;
    }

    /** The host's address. */
    public String host() {
        return host;
    }

    /** The connection's secrets. */
    public Redactor redactor() {
        return redactor.get();
    }

    /**
     * Starts {@code script}; its output goes to {@code out} and {@code err}, and {@link RemoteProcess#stdin()} takes
     * what the script reads.
     *
     * @throws HostException when no channel can be opened
     */
    public RemoteProcess start(String script, boolean privileged, OutputStream out, OutputStream err) {
        return start(script, privileged ? privilege.get() : Privilege.NONE, out, err);
    }

    /** Starts {@code script} with this privilege. */
    public RemoteProcess start(String script, Privilege with, OutputStream out, OutputStream err) {
        ScriptEnvelope envelope = ScriptEnvelope.of(script, with);
        ChannelExec channel;
        try {
            channel = opener.open(envelope.commandLine(), out, err);
        } catch (IOException e) {
            throw new HostException(host, "cannot open an SSH channel: " + redactor().apply(String.valueOf(e.getMessage())),
                    e);
        }
        RemoteProcess process = new RemoteProcess(channel, opener);
        try {
            OutputStream stdin = process.stdin();
            stdin.write(envelope.stdinHead());
            stdin.flush();
        } catch (IOException e) {
            process.close();
            throw lost("sending a script", e);
        }
        return process;
    }

    /**
     * Runs one of the connector's own short scripts to its end with {@code input} on standard input.
     *
     * @throws HostException when it cannot run, the connection drops or it outlasts {@code timeout}
     */
    public Captured run(String script, boolean privileged, byte[] input, Duration timeout) {
        return run(script, privileged ? privilege.get() : Privilege.NONE, input, timeout);
    }

    /** Runs one of the connector's own short scripts with this privilege. */
    public Captured run(String script, Privilege with, byte[] input, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (RemoteProcess process = start(script, with, out, err)) {
            try {
                if (input.length > 0) {
                    process.stdin().write(input);
                }
                process.closeStdin();
            } catch (IOException e) {
                // a script that needs no input may end, and the host close the channel, before its stdin is closed
                // here: only a channel that ends without an exit status means the connection was lost
                if (!process.await(INPUT_RACE) || process.connectionLost()) {
                    throw lost("sending input", e);
                }
            }
            if (!process.await(timeout)) {
                throw new HostException(host, "a remote step did not finish within " + timeout.toSeconds() + " s",
                        null);
            }
            if (process.connectionLost()) {
                throw lost("running a remote step", null);
            }
            return new Captured(process.exitCode(), out.toString(StandardCharsets.UTF_8),
                    redactor().apply(err.toString(StandardCharsets.UTF_8)));
        }
    }

    /** The exception for a connection that dropped while {@code doing}. */
    public HostException lost(String doing, Throwable cause) {
        return new HostException(host, "the SSH connection dropped while " + doing
                + (cause == null || cause.getMessage() == null ? "" : " (" + redactor().apply(cause.getMessage()) + ")"),
                cause);
    }

    /**
     * What a script printed.
     *
     * @param exitCode its exit status
     * @param stdout its standard output
     * @param stderr its standard error, secrets redacted
     */
    public record Captured(int exitCode, String stdout, String stderr) {
        /** True when it exited 0. */
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** Standard error trimmed, or the exit status when there is none, for a message. */
        public String reason() {
            String text = stderr.strip();
            return text.isEmpty() ? "exit status " + exitCode : text + " (exit status " + exitCode + ")";
        }
    }
}
