package io.sealer.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion for tests, capturing stdout and failing with stderr when it exits non-zero. */
public final class Processes {
    /** The outcome of a command. */
    public record Result(int exitCode, byte[] stdout, String stderr) {
        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private Processes() {
    }

    /** Runs the command; returns its result whatever its exit code. */
    public static Result run(List<String> command) {
        return run(new ProcessBuilder(command));
    }

    /** Runs the prepared process (its command, environment and directory); returns its result whatever its exit code. */
    public static Result run(ProcessBuilder builder) {
        return run(builder, Path.of("/dev/null"));
    }

    /** {@link #run(ProcessBuilder)} reading its standard input from {@code stdin}. */
    public static Result run(ProcessBuilder builder, Path stdin) {
        List<String> command = builder.command();
        try {
            Path err = Files.createTempFile("it-stderr", ".txt");
            try {
                Process process = builder.redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(stdin.toFile())).start();
                byte[] out = process.getInputStream().readAllBytes();
                if (!process.waitFor(180, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("timed out: " + command);
                }
                return new Result(process.exitValue(), out, Files.readString(err));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /** Runs the command and fails unless it exits 0. */
    public static Result check(List<String> command) {
        Result result = run(command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(command + " exited " + result.exitCode() + ": " + result.stderr());
        }
        return result;
    }
}
