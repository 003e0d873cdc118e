package io.sealer.ssh.internal.connect;

import io.sealer.api.event.Progress;
import io.sealer.api.spi.ExecResult;
import io.sealer.api.spi.HostPlatform;
import io.sealer.api.spi.HostSession;
import io.sealer.api.spi.RemoteCommand;
import io.sealer.api.spi.TreeTransfer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A caller's handle on a pooled {@link HostConnection}: every call goes to the shared connection; {@link #close()}
 * ends this handle only (the connection stays pooled until the connector closes).
 */
final class MinaHostSession implements HostSession {
    private final HostConnection connection;
    private volatile boolean closed;

    MinaHostSession(HostConnection connection) {
        this.connection = connection;
    }

    @Override
    public String address() {
        return connection.target().address();
    }

    @Override
    public String user() {
        return connection.target().user();
    }

    @Override
    public ExecResult exec(RemoteCommand command, Progress progress) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(progress, "progress");
        open();
        return connection.executor().exec(command, progress);
    }

    @Override
    public HostPlatform platform() {
        open();
        return connection.platform();
    }

    @Override
    public TreeTransfer sendTree(Path local, String remoteDir, String contentId, Progress progress) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remoteDir, "remoteDir");
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(progress, "progress");
        open();
        return connection.trees().send(local, remoteDir, contentId, progress);
    }

    @Override
    public void upload(Path local, String remotePath) {
        open();
        connection.files().upload(local, remotePath);
    }

    @Override
    public void download(String remotePath, Path local) {
        open();
        connection.files().download(remotePath, local);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("this session to " + address() + " was closed");
        }
    }

    @Override
    public String toString() {
        return "HostSession[" + connection.target() + "]";
    }
}
