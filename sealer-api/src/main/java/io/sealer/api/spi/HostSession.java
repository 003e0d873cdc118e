package io.sealer.api.spi;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/** A live session to one host: run commands, send files and tar streams, read files. */
public interface HostSession extends AutoCloseable {
    /** The address this session talks to. */
    String address();

    /**
     * Runs a shell command, streaming each output line to {@code output}.
     *
     * @return the exit status and the last lines of output
     */
    ExecResult exec(String command, Duration timeout, Consumer<String> output);

    /** Copies one local file to {@code remotePath}, creating parent directories. */
    void upload(Path local, String remotePath);

    /** Streams a tar archive into {@code remoteDir} ({@code tar -x} on the host), one channel for the whole tree. */
    void uploadTar(InputStream tar, String remoteDir);

    /** Opens a remote file for reading. */
    InputStream download(String remotePath);

    @Override
    void close();
}
