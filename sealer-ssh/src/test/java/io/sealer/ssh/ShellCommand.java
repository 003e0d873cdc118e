package io.sealer.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * The test server's exec command: {@code /bin/sh -c <command>} as OpenSSH's sshd runs it with the login shell, with
 * the server's environment. When the channel goes away, the process's pipes are closed (as sshd does), not the process
 * killed.
 */
final class ShellCommand implements Command {
    private final String command;
    private final Map<String, String> environment;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback callback;
    private Process process;

    ShellCommand(String command, Map<String, String> environment) {
        this.command = command;
        this.environment = environment;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.callback = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command);
        builder.environment().putAll(environment);
        process = builder.start();
        Process started = process;
        Thread input = daemon(() -> {
            try (OutputStream stdin = started.getOutputStream()) {
                byte[] buffer = new byte[32 * 1024];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    stdin.write(buffer, 0, n);
                    stdin.flush();
                }
            } catch (IOException ignored) {
                // the process stopped reading or the channel went away
            }
        });
        Thread output = daemon(() -> pump(started.getInputStream(), out));
        Thread error = daemon(() -> pump(started.getErrorStream(), err));
        daemon(() -> {
            try {
                int code = started.waitFor();
                output.join();
                error.join();
                callback.onExit(code);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // the server was stopped meanwhile
            }
        });
        input.setName("test-sshd-stdin");
    }

    @Override
    public void destroy(ChannelSession channel) {
        if (process != null) {
            closeQuietly(process.getOutputStream());
            closeQuietly(process.getInputStream());
            closeQuietly(process.getErrorStream());
        }
    }

    private static void pump(InputStream from, OutputStream to) {
        byte[] buffer = new byte[32 * 1024];
        try {
            for (int n; (n = from.read(buffer)) >= 0; ) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException ignored) {
            // the channel went away: stop reading, so the process's writes fail as with sshd
            closeQuietly(from);
        }
    }

    private static Thread daemon(Runnable body) {
        Thread thread = new Thread(body, "test-sshd-process");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
