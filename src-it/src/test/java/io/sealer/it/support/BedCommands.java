package io.sealer.it.support;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the host bed's commands: bounded in time, output captured, optional standard input and environment. */
final class BedCommands {
    /** A standard {@code PATH} for commands run on a host or for the OpenSSH client. */
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private BedCommands() {
    }

    /** Runs {@code command} with the JVM's environment; returns its result whatever its exit code. */
    static Processes.Result run(List<String> command) {
        return run(command, null, null, DEFAULT_TIMEOUT);
    }

    /** Runs {@code command} and fails with its stderr unless it exits 0. */
    static Processes.Result check(List<String> command) {
        return checked(command, run(command));
    }

    /**
     * Runs {@code command}.
     *
     * @param stdin written to its standard input (then closed), or {@code null} for {@code /dev/null}
     * @param environment its whole environment, or {@code null} for the JVM's
     * @param timeout after which it is killed and this fails
     */
    static Processes.Result run(List<String> command, String stdin, Map<String, String> environment,
            Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(resolved(command)).directory(new File("/"));
        if (environment != null) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        try {
            Path out = Files.createTempFile("sealer-bed-out", ".txt");
            Path err = Files.createTempFile("sealer-bed-err", ".txt");
            try {
                builder.redirectOutput(out.toFile()).redirectError(err.toFile());
                if (stdin == null) {
                    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                }
                Process process = builder.start();
                if (stdin != null) {
                    try (OutputStream in = process.getOutputStream()) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        // the command did not read all of it: its exit code tells
                    }
                }
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                    throw new IllegalStateException("timed out after " + timeout + ": " + command + "; stderr: "
                            + Files.readString(err).strip());
                }
                return new Processes.Result(process.exitValue(), Files.readAllBytes(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /** {@code command} with its program found in {@link #PATH} (the JVM's own may lack {@code /usr/sbin}). */
    static List<String> resolved(List<String> command) {
        String program = command.get(0);
        if (program.contains("/")) {
            return command;
        }
        for (String dir : PATH.split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                List<String> copy = new java.util.ArrayList<>(command);
                copy.set(0, candidate.toString());
                return copy;
            }
        }
        return command;
    }

    /** {@code result} if it exited 0, else an exception naming the command, its exit code and stderr. */
    static Processes.Result checked(List<String> command, Processes.Result result) {
        if (result.exitCode() != 0) {
            throw new IllegalStateException(command + " exited " + result.exitCode() + ": "
                    + result.stderr().strip());
        }
        return result;
    }

    /** {@code value} quoted for {@code sh}. */
    static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
