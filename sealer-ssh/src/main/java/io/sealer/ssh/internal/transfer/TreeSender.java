package io.sealer.ssh.internal.transfer;

import io.sealer.api.HostException;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Progress;
import io.sealer.api.event.Subject;
import io.sealer.api.spi.TreeTransfer;
import io.sealer.ssh.internal.exec.LineSplitter;
import io.sealer.ssh.internal.exec.OutputTail;
import io.sealer.ssh.internal.exec.Privilege;
import io.sealer.ssh.internal.exec.RemoteProcess;
import io.sealer.ssh.internal.exec.RemoteShell;
import io.sealer.ssh.internal.exec.ScriptEnvelope;
import io.sealer.ssh.internal.platform.HostFacts;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.sshd.sftp.client.SftpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends local directory trees to one host: skipped when the host's marker records the same content id and digest;
 * else one tar stream over one exec channel into a staging directory (SFTP file by file where the host has no
 * {@code tar}), checked (tar's exit status; the SSH transport's MAC guarantees the bytes), then marked and renamed
 * into place. Transfers to the same directory of a host are serialised.
 */
public final class TreeSender {
    private static final Logger LOG = LoggerFactory.getLogger(TreeSender.class);
    private static final int PIPE_BUFFER = 256 * 1024;

    private final RemoteShell shell;
    private final String user;
    private final Supplier<HostFacts> facts;
    private final Supplier<Privilege> privilege;
    private final SftpOpener sftp;
    private final TreeDigestCache digests;
    private final Duration stepTimeout;
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /**
     * @param shell the host's shell
     * @param user the login user
     * @param facts the host's probe
     * @param privilege how the login user gets root's privilege
     * @param sftp opens SFTP clients (hosts without {@code tar})
     * @param digests the connector's cache of local tree digests
     * @param stepTimeout bound on each remote step
     */
    public TreeSender(RemoteShell shell, String user, Supplier<HostFacts> facts, Supplier<Privilege> privilege,
            SftpOpener sftp, TreeDigestCache digests, Duration stepTimeout) {
        this.shell = shell;
        this.user = user;
        this.facts = facts;
        this.privilege = privilege;
        this.sftp = sftp;
        this.digests = digests;
        this.stepTimeout = stepTimeout;
    }

    /** Sends {@code local} to {@code remoteDir}; see {@link io.sealer.api.spi.HostSession#sendTree}. */
    public TreeTransfer send(Path local, String remoteDir, String contentId, Progress progress) {
        String target = RemotePaths.normalise(remoteDir);
        new ContentMarker(contentId, "");
        ReentrantLock lock = locks.computeIfAbsent(target, t -> new ReentrantLock());
        lock.lock();
        try {
            Progress step = progress.start(OperationKind.STEP, Subject.host(shell.host()).withStep("send " + target),
                    "sending " + local + " to " + target);
            try {
                TreeTransfer result = sendLocked(local, target, contentId, step);
                step.finished(result.skipped() ? "already there (" + result.digest() + ")"
                        : "sent " + result.files() + " files, " + result.bytes() + " bytes (" + result.digest() + ")");
                return result;
            } catch (HostException e) {
                step.failed(e.problem());
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private TreeTransfer sendLocked(Path local, String target, String contentId, Progress step) {
        LocalTree tree;
        try {
            tree = LocalTree.scan(local, (path, why) -> step.warning(path.toString(), "not sent: " + why));
        } catch (IOException e) {
            throw new HostException(shell.host(), "cannot read the local tree " + local + ": " + e.getMessage(), e);
        }
        Optional<ContentMarker> marker = readMarker(target);
        if (marker.isPresent() && marker.get().contentId().equals(contentId)) {
            String digest = digests.get(tree).orElseGet(() -> hashLocally(tree));
            if (digest.equals(marker.get().digest())) {
                LOG.info("{}: {} already holds {} ({}); nothing sent", shell.host(), target, contentId, digest);
                return new TreeTransfer(true, 0, 0, digest);
            }
        }
        String staging = target + RemoteTreeScripts.STAGING_INFIX + ScriptEnvelope.randomToken().substring(0, 12);
        long started = System.nanoTime();
        String digest;
        try {
            digest = facts.get().tar() ? sendTar(tree, target, staging, step) : sendSftp(tree, target, staging, step);
            commit(target, staging, new ContentMarker(contentId, digest));
        } catch (RuntimeException e) {
            discard(staging);
            throw e;
        }
        digests.put(tree, digest);
        LOG.info("{}: sent {} ({} files, {} bytes) to {} in {} ms", shell.host(), tree.root(), tree.files(),
                tree.bytes(), target, (System.nanoTime() - started) / 1_000_000);
        return new TreeTransfer(false, tree.files(), tree.bytes(), digest);
    }

    private Optional<ContentMarker> readMarker(String target) {
        RemoteShell.Captured result = shell.run(RemoteTreeScripts.readMarker(target), true, new byte[0],
                stepTimeout);
        if (!result.succeeded()) {
            throw new HostException(shell.host(), "cannot read the marker of " + target + ": " + result.reason(),
                    null);
        }
        return ContentMarker.parse(result.stdout());
    }

    private String hashLocally(LocalTree tree) {
        try {
            String digest = TarStreamWriter.write(tree, OutputStream.nullOutputStream(), null, done -> { }).digest();
            digests.put(tree, digest);
            return digest;
        } catch (IOException e) {
            throw new HostException(shell.host(), "cannot read the local tree " + tree.root() + ": "
                    + e.getMessage(), e);
        }
    }

    private String sendTar(LocalTree tree, String target, String staging, Progress step) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputTail errors = new OutputTail(OutputTail.DEFAULT_LINES);
        LineSplitter err = new LineSplitter(line -> errors.add(shell.redactor().apply(line)));
        ThrottledProgress progress = new ThrottledProgress(step, tree.bytes());
        TarStreamWriter.Written written;
        try (RemoteProcess process = shell.start(RemoteTreeScripts.receiveTar(target, staging), true,
                out, err)) {
            RemoteStream stdin = new RemoteStream(process.stdin());
            try {
                OutputStream buffered = new BufferedOutputStream(stdin, PIPE_BUFFER);
                written = TarStreamWriter.write(tree, buffered, null, progress);
                buffered.flush();
                process.closeStdin();
            } catch (RemoteStream.Failure e) {
                process.await(Duration.ofSeconds(10));
                err.close();
                if (process.connectionLost() || !process.ended()) {
                    throw shell.lost("sending " + tree.root() + " to " + target, e.getCause());
                }
                throw new HostException(shell.host(), "the host stopped receiving " + tree.root() + " (exit status "
                        + process.exitCode() + ")" + errors.forMessage(), e.getCause());
            } catch (IOException e) {
                throw new HostException(shell.host(), "cannot send " + tree.root() + ": " + e.getMessage(), e);
            }
            progress.done(tree.bytes());
            if (!process.await(stepTimeout)) {
                throw new HostException(shell.host(), "the host did not finish extracting " + tree.root()
                        + " within " + stepTimeout.toSeconds() + " s", null);
            }
            err.close();
            if (process.connectionLost()) {
                throw shell.lost("extracting " + tree.root() + " into " + target, null);
            }
            String report = out.toString(StandardCharsets.UTF_8);
            String tarExit = field(report, "tar-exit=");
            if (process.exitCode() != 0 || !"0".equals(tarExit)) {
                throw new HostException(shell.host(), "extracting " + tree.root() + " into " + staging + " failed ("
                        + (tarExit == null ? "exit status " + process.exitCode() : "tar exit status " + tarExit) + ")"
                        + errors.forMessage(), null);
            }
            LOG.debug("{}: {} stream bytes extracted into {}", shell.host(), written.streamBytes(), staging);
            return written.digest();
        }
    }

    private String sendSftp(LocalTree tree, String target, String staging, Progress step) {
        LOG.info("{}: the host has no tar; sending {} over SFTP", shell.host(), tree.root());
        boolean asUser = privilege.get().kind() != Privilege.Kind.NONE;
        runStep(RemoteTreeScripts.prepareSftp(target, staging, asUser ? user : null), "prepare " + staging);
        ThrottledProgress progress = new ThrottledProgress(step, tree.bytes());
        String digest;
        try (SftpClient client = sftp.open()) {
            digest = TarStreamWriter.write(tree, OutputStream.nullOutputStream(), entry -> switch (entry.type()) {
                case DIRECTORY -> {
                    if (!entry.name().equals("./")) {
                        client.mkdir(staging + "/" + entry.name().substring(0, entry.name().length() - 1));
                    }
                    yield null;
                }
                case FILE -> client.write(staging + "/" + entry.name());
                case SYMLINK -> null;
            }, progress).digest();
        } catch (IOException e) {
            throw new HostException(shell.host(), "cannot send " + tree.root() + " over SFTP: " + e.getMessage(), e);
        }
        progress.done(tree.bytes());
        runStep(RemoteTreeScripts.finishSftp(staging, tree.entries(), asUser), "finish " + staging);
        return digest;
    }

    private void commit(String target, String staging, ContentMarker marker) {
        String old = target + RemoteTreeScripts.OLD_INFIX + ScriptEnvelope.randomToken().substring(0, 12);
        runStep(RemoteTreeScripts.commit(target, staging, old, marker), "move " + staging + " into place");
    }

    private void discard(String staging) {
        try {
            shell.run(RemoteTreeScripts.discard(staging), true, new byte[0], stepTimeout);
        } catch (HostException e) {
            LOG.debug("{}: could not remove {}: {}", shell.host(), staging, e.getMessage());
        }
    }

    private void runStep(String script, String what) {
        RemoteShell.Captured result = shell.run(script, true, new byte[0], stepTimeout);
        if (!result.succeeded()) {
            throw new HostException(shell.host(), "cannot " + what + ": " + result.reason(), null);
        }
    }

    private static String field(String report, String prefix) {
        return report.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip())
                .findFirst().orElse(null);
    }
}
