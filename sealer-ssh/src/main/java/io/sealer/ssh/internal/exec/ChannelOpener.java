package io.sealer.ssh.internal.exec;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.sshd.client.channel.ChannelExec;

/** Opens exec channels on a host's live session. */
public interface ChannelOpener {
    /**
     * Opens an exec channel running {@code commandLine} (interpreted by the login user's shell) with its output going
     * to {@code out} and {@code err}. A session that dropped before the channel opened is re-established once (nothing
     * had started on the host).
     *
     * @throws io.sealer.api.HostException when no session can be had
     * @throws IOException when the channel cannot be opened
     */
    ChannelExec open(String commandLine, OutputStream out, OutputStream err) throws IOException;

    /** Gives back a channel's slot once the channel is closed. */
    void release(ChannelExec channel);
}
