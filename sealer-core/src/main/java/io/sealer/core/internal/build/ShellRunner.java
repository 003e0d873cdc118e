package io.sealer.core.internal.build;

import io.sealer.api.BuildException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a RUN instruction's command with {@code /bin/sh -c} on the build host. */
final class ShellRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ShellRunner.class);
    private static final int TAIL_LINES = 20;

    private ShellRunner() {
    }

    /**
     * Runs {@code argv} in {@code workDir} with {@code env} added to the environment; output is logged at debug.
     *
     * @throws BuildException naming the exit code and the last output lines when it fails (the build adds the
     *     Kubefile line)
     */
    static void run(List<String> argv, Path workDir, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Deque<String> tail = new ArrayDeque<>();
        int exit;
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String out; (out = reader.readLine()) != null; ) {
                    LOG.debug("RUN output: {}", out);
                    tail.addLast(out);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
            exit = process.waitFor();
        } catch (IOException e) {
            throw new BuildException("cannot start RUN command: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildException("interrupted while running RUN command", e);
        }
        if (exit != 0) {
            throw new BuildException("RUN command failed with exit code " + exit
                    + (tail.isEmpty() ? "" : "; last output:\n  " + String.join("\n  ", tail)), null);
        }
    }
}
