package io.sealer.ssh.internal.exec;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;

/** A script running on a host over one exec channel: its standard input, its end and exit status. */
public final class RemoteProcess implements AutoCloseable {
    private static final Map<String, Integer> SIGNALS = Map.ofEntries(Map.entry("HUP", 1), Map.entry("INT", 2),
            Map.entry("QUIT", 3), Map.entry("ILL", 4), Map.entry("ABRT", 6), Map.entry("FPE", 8),
            Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12),
            Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15));

    private final ChannelExec channel;
    private final ChannelOpener opener;
    private boolean released;

    RemoteProcess(ChannelExec channel, ChannelOpener opener) {
        this.channel = channel;
        this.opener = opener;
    }

    /** The script's standard input after its text: closing it sends end-of-file. */
    public OutputStream stdin() {
        return channel.getInvertedIn();
    }

    /** Sends end-of-file on standard input. */
    public void closeStdin() throws IOException {
        channel.getInvertedIn().close();
    }

    /** Waits for the channel to close, at most {@code timeout} (zero: no bound); true when it closed. */
    public boolean await(Duration timeout) {
        long millis = timeout.isZero() || timeout.isNegative() ? 0 : Math.max(1, timeout.toMillis());
        Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), millis);
        return events.contains(ClientChannelEvent.CLOSED);
    }

    /** True once the channel is closed. */
    public boolean ended() {
        return channel.isClosed();
    }

    /** True when the script ended without an exit status because the connection dropped. */
    public boolean connectionLost() {
        return channel.getExitStatus() == null && channel.getExitSignal() == null
                && !channel.getSession().isOpen();
    }

    /** The exit status: the script's, or 128 plus the signal that ended it; -1 when the host sent neither. */
    public int exitCode() {
        Integer status = channel.getExitStatus();
        if (status != null) {
            return status;
        }
        String signal = channel.getExitSignal();
        return signal == null ? -1 : 128 + SIGNALS.getOrDefault(signal.toUpperCase(java.util.Locale.ROOT), 0);
    }

    /** Closes the channel (at once when it is still running) and gives its slot back. */
    @Override
    public void close() {
        try {
            channel.close(!channel.isClosed()).await(Duration.ofSeconds(5));
        } catch (IOException | RuntimeException ignored) {
            // closing is best effort: the session may be gone already
        } finally {
            synchronized (this) {
                if (!released) {
                    released = true;
                    opener.release(channel);
                }
            }
        }
    }
}
