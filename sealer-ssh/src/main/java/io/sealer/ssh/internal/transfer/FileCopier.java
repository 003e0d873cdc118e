package io.sealer.ssh.internal.transfer;

import static io.sealer.ssh.internal.exec.ShellQuoting.single;

import io.sealer.api.HostException;
import io.sealer.ssh.internal.exec.LineSplitter;
import io.sealer.ssh.internal.exec.OutputTail;
import io.sealer.ssh.internal.exec.RemoteProcess;
import io.sealer.ssh.internal.exec.RemoteShell;
import io.sealer.ssh.internal.exec.ScriptEnvelope;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * Copies single files to and from one host over exec channels, with root's privilege: an upload goes to a temporary
 * name beside the target, is checked for its full size, gets the local file's mode and is renamed into place; a
 * download goes to a temporary file beside the local target and is renamed into place when the host's {@code cat}
 * succeeded.
 */
public final class FileCopier {
    private final RemoteShell shell;
    private final Duration stepTimeout;

    public FileCopier(RemoteShell shell, Duration stepTimeout) {
        this.shell = shell;
        this.stepTimeout = stepTimeout;
    }

    /** Copies {@code local} to {@code remotePath}; see {@link io.sealer.api.spi.HostSession#upload}. */
    public void upload(Path local, String remotePath) {
        String target = RemotePaths.normalise(remotePath);
        long size;
        int mode;
        try {
            size = Files.size(local);
            mode = mode(local);
        } catch (IOException e) {
            throw new HostException(shell.host(), "cannot read " + local + ": " + e.getMessage(), e);
        }
        String temporary = target + RemoteTreeScripts.STAGING_INFIX + ScriptEnvelope.randomToken().substring(0, 12);
        String script = "mkdir -p -- \"$(dirname -- " + single(target) + ")\" || exit 1\n"
                + "if ! cat > " + single(temporary) + "; then rm -f -- " + single(temporary) + "; exit 1; fi\n"
                + "n=$(wc -c < " + single(temporary) + " | tr -d ' ')\n"
                + "if [ \"$n\" != " + size + " ]; then rm -f -- " + single(temporary)
                + "; echo \"received $n of " + size + " bytes\" >&2; exit 1; fi\n"
                + "chmod " + Integer.toOctalString(mode) + " -- " + single(temporary) + " && mv -f -- "
                + single(temporary) + " " + single(target) + " || { rm -f -- " + single(temporary) + "; exit 1; }\n";
        OutputTail errors = new OutputTail(OutputTail.DEFAULT_LINES);
        LineSplitter err = new LineSplitter(line -> errors.add(shell.redactor().apply(line)));
        try (RemoteProcess process = shell.start(script, true, OutputStream.nullOutputStream(), err)) {
            try (InputStream in = Files.newInputStream(local)) {
                OutputStream stdin = new BufferedOutputStream(process.stdin(), 64 * 1024);
                in.transferTo(stdin);
                stdin.flush();
                process.closeStdin();
            } catch (IOException e) {
                if (process.ended()) {
                    err.close();
                    throw new HostException(shell.host(), "cannot upload " + local + " to " + target
                            + errors.forMessage(), e);
                }
                throw shell.lost("uploading " + local + " to " + target, e);
            }
            finish(process, err, errors, "upload " + local + " to " + target);
        }
    }

    /** Copies {@code remotePath} to {@code local}; see {@link io.sealer.api.spi.HostSession#download}. */
    public void download(String remotePath, Path local) {
        String source = RemotePaths.normalise(remotePath);
        Path parent = local.toAbsolutePath().getParent();
        Path temporary;
        try {
            Files.createDirectories(parent);
            temporary = Files.createTempFile(parent, "." + local.getFileName(), ".part");
        } catch (IOException e) {
            throw new HostException(shell.host(), "cannot write " + local + ": " + e.getMessage(), e);
        }
        boolean moved = false;
        try {
            OutputTail errors = new OutputTail(OutputTail.DEFAULT_LINES);
            LineSplitter err = new LineSplitter(line -> errors.add(shell.redactor().apply(line)));
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temporary), 64 * 1024);
                    RemoteProcess process = shell.start("cat -- " + single(source), true, file, err)) {
                try {
                    process.closeStdin();
                } catch (IOException e) {
                    // the process may have ended already; its exit status tells
                }
                finish(process, err, errors, "download " + source);
            }
            Files.move(temporary, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } catch (IOException e) {
            throw new HostException(shell.host(), "cannot write " + local + ": " + e.getMessage(), e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private void finish(RemoteProcess process, LineSplitter err, OutputTail errors, String what) {
        if (!process.await(stepTimeout)) {
            throw new HostException(shell.host(), "cannot " + what + ": no end within " + stepTimeout.toSeconds()
                    + " s", null);
        }
        err.close();
        if (process.connectionLost()) {
            throw shell.lost("trying to " + what, null);
        }
        if (process.exitCode() != 0) {
            throw new HostException(shell.host(), "cannot " + what + " (exit status " + process.exitCode() + ")"
                    + errors.forMessage(), null);
        }
    }

    private static int mode(Path local) throws IOException {
        try {
            Map<String, Object> unix = Files.readAttributes(local, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return ((Integer) unix.get("mode")) & 07777;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.isExecutable(local) ? 0755 : 0644;
        }
    }
}
