package io.sealer.api.spi;

import io.sealer.api.event.Progress;
import java.nio.file.Path;

/**
 * A live, authenticated session to one host, reused for every command and transfer; thread-safe (commands may run
 * concurrently on their own channels). Obtained from {@link HostConnector#connect}. Every failure is a
 * {@link io.sealer.api.HostException} naming the host; no secret ever appears in one.
 */
public interface HostSession extends AutoCloseable {
    /** The address this session talks to ({@code host} or {@code host:port}). */
    String address();

    /** The user commands run as ({@code root}, or a user whose commands go through {@code sudo}). */
    String user();

    /**
     * Runs a command with root's privilege (through {@code sudo} for another user), reporting each output line as a
     * {@link io.sealer.api.event.ProgressEvent.LogLine} of {@code progress} (secrets redacted). A command that was
     * running when the connection dropped is reported as failed, never run again; its standard input is empty.
     *
     * @return its exit status and last output lines
     * @throws io.sealer.api.HostException naming the host when it cannot be run, or when it times out (the remote
     *     process group is killed then)
     */
    ExecResult exec(RemoteCommand command, Progress progress);

    /** The host's platform, detected once per session. */
    HostPlatform platform();

    /**
     * Sends the directory {@code local} so that its content appears as {@code remoteDir} (replacing what was there),
     * owned by root: as one tar stream over one channel into a staging directory beside it, renamed into place when
     * complete (an interrupted transfer never leaves a tree that looks complete), hashed while it is sent; SFTP where
     * the host has no {@code tar}. When the host's marker in {@code remoteDir} ({@code .sealer-content}) already
     * records {@code contentId} and the tree's digest, nothing is sent (and the result counts no files).
     *
     * @param contentId what the tree is (an image id, one line), recorded in the marker with the digest
     */
    TreeTransfer sendTree(Path local, String remoteDir, String contentId, Progress progress);

    /**
     * Copies one local file to {@code remotePath} with root's privilege and the local file's mode, creating parent
     * directories, atomically (a temporary name beside it first, renamed when it arrived whole).
     */
    void upload(Path local, String remotePath);

    /** Copies one remote file (read with root's privilege) to {@code local}, atomically. */
    void download(String remotePath, Path local);

    /**
     * Releases this session: later calls on it fail. The host's pooled connection stays open for other sessions and
     * later {@link HostConnector#connect} calls until the connector is closed.
     */
    @Override
    void close();
}
