package io.sealer.ssh.internal.connect;

import io.sealer.api.HostException;
import io.sealer.api.cluster.SshCredentials;
import io.sealer.api.spi.HostPlatform;
import io.sealer.api.ssh.SshSettings;
import io.sealer.ssh.internal.exec.ChannelOpener;
import io.sealer.ssh.internal.exec.CommandExecutor;
import io.sealer.ssh.internal.exec.Privilege;
import io.sealer.ssh.internal.exec.Redactor;
import io.sealer.ssh.internal.exec.RemoteShell;
import io.sealer.ssh.internal.exec.SudoCheck;
import io.sealer.ssh.internal.platform.HostFacts;
import io.sealer.ssh.internal.platform.PlatformDetection;
import io.sealer.ssh.internal.transfer.FileCopier;
import io.sealer.ssh.internal.transfer.TreeDigestCache;
import io.sealer.ssh.internal.transfer.TreeSender;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pooled connection to one host as one user: one authenticated session reused by every command and transfer,
 * re-established once on the next use after it dropped (a command that was running on it fails, see
 * {@link CommandExecutor}); at most {@value #CHANNELS} channels at once (OpenSSH allows 10 per connection); the host's
 * probe and the user's sudo mode found once and kept.
 */
final class HostConnection implements ChannelOpener, AutoCloseable {
    /** Channels open at once on one session. */
    static final int CHANNELS = 8;

    private static final Logger LOG = LoggerFactory.getLogger(HostConnection.class);

    private final HostTarget target;
    private final SessionFactory sessions;
    private final SshSettings settings;
    private final Semaphore channels = new Semaphore(CHANNELS, true);
    private final RemoteShell shell;
    private final CommandExecutor executor;
    private final TreeSender trees;
    private final FileCopier files;
    private final Object probeLock = new Object();
    private final Object privilegeLock = new Object();

    private SshCredentials credentials;
    private Identities identities;
    private volatile Redactor redactor;
    private ClientSession session;
    private boolean closed;
    private volatile HostFacts facts;
    private volatile Privilege privilege;

    HostConnection(HostTarget target, SshCredentials credentials, SessionFactory sessions, SshSettings settings,
            TreeDigestCache digests) {
        this.target = target;
        this.sessions = sessions;
        this.settings = settings;
        this.credentials = credentials;
        this.redactor = Redactor.of(secrets(credentials));
        this.shell = new RemoteShell(target.address(), this, this::privilege, this::redactor);
        this.executor = new CommandExecutor(shell, settings.commandTimeout());
        this.trees = new TreeSender(shell, target.user(), this::facts, this::privilege, this::openSftp, digests,
                settings.commandTimeout());
        this.files = new FileCopier(shell, settings.commandTimeout());
    }

    HostTarget target() {
        return target;
    }

    CommandExecutor executor() {
        return executor;
    }

    TreeSender trees() {
        return trees;
    }

    FileCopier files() {
        return files;
    }

    /** Uses {@code newer} from now on (a later connect to the same host and user may bring other credentials). */
    synchronized void useCredentials(SshCredentials newer) {
        if (!newer.equals(credentials)) {
            credentials = newer;
            identities = null;
            redactor = redactor.and(secrets(newer));
        }
    }

    /** The live session: the pooled one, or a new one when it dropped (once per call). */
    synchronized ClientSession session() {
        if (closed) {
            throw new HostException(target.address(), "the connector was closed", null);
        }
        if (session != null && session.isOpen() && !session.isClosing()) {
            return session;
        }
        if (session != null) {
            LOG.info("{}: the SSH connection dropped; connecting again", target.address());
        }
        if (identities == null) {
            identities = sessions.identities(target, credentials);
        }
        session = sessions.open(target, credentials, identities);
        return session;
    }

    @Override
    public ChannelExec open(String commandLine, OutputStream out, OutputStream err) throws IOException {
        try {
            channels.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a channel", e);
        }
        try {
            ClientSession current = session();
            try {
                return openOn(current, commandLine, out, err);
            } catch (IOException e) {
                // a session that is going away refuses channels before it reports that it closed
                current.waitFor(EnumSet.of(ClientSession.ClientSessionEvent.CLOSED), Duration.ofSeconds(2));
                if (current.isOpen() && !current.isClosing()) {
                    throw e;
                }
                LOG.info("{}: the session dropped before a channel opened; trying a new one", target.address());
                return openOn(session(), commandLine, out, err);
            }
        } catch (IOException | RuntimeException e) {
            channels.release();
            throw e;
        }
    }

    @Override
    public void release(ChannelExec channel) {
        channels.release();
    }

    private ChannelExec openOn(ClientSession current, String commandLine, OutputStream out, OutputStream err)
            throws IOException {
        ChannelExec channel = current.createExecChannel(commandLine);
        channel.setOut(out);
        channel.setErr(err);
        OpenFuture opening = channel.open();
        if (!opening.await(settings.authTimeout())) {
            channel.close(true);
            throw new IOException("the host did not open a channel within " + settings.authTimeout().toSeconds()
                    + " s");
        }
        if (!opening.isOpened()) {
            channel.close(true);
            Throwable cause = opening.getException();
            throw new IOException("the host refused a channel: " + (cause == null ? "no reason given"
                    : cause.getMessage()), cause);
        }
        return channel;
    }

    private SftpClient openSftp() throws IOException {
        return SftpClientFactory.instance().createSftpClient(session());
    }

    /** How privileged scripts run for this user, found on first use. */
    Privilege privilege() {
        Privilege known = privilege;
        if (known != null) {
            return known;
        }
        synchronized (privilegeLock) {
            if (privilege == null) {
                String password;
                synchronized (this) {
                    password = credentials.password();
                }
                privilege = SudoCheck.decide(target.user(), password, shell, settings.authTimeout());
            }
            return privilege;
        }
    }

    /** What the host's probe found, probed on first use. */
    HostFacts facts() {
        HostFacts known = facts;
        if (known != null) {
            return known;
        }
        synchronized (probeLock) {
            if (facts == null) {
                facts = HostFacts.probe(shell, settings.authTimeout());
                LOG.debug("{}: {}", target.address(), facts);
            }
            return facts;
        }
    }

    /** The host's platform. */
    HostPlatform platform() {
        return PlatformDetection.platform(facts());
    }

    private Redactor redactor() {
        return redactor;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (session != null) {
            try {
                session.close(false).await(settings.authTimeout());
            } catch (IOException | RuntimeException e) {
                LOG.debug("{}: closing the session: {}", target.address(), e.toString());
            }
            session = null;
        }
    }

    private static List<String> secrets(SshCredentials credentials) {
        List<String> secrets = new ArrayList<>();
        if (credentials.password() != null) {
            secrets.add(credentials.password());
        }
        if (credentials.privateKeyPassword() != null) {
            secrets.add(credentials.privateKeyPassword());
        }
        return secrets;
    }
}
