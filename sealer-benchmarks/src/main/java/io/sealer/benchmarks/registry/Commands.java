package io.sealer.benchmarks.registry;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs external commands (skopeo) to completion, their output in a log file, killing them on timeout. */
final class Commands {
    private static final long TIMEOUT_MINUTES = 20;

    private Commands() {
    }

    /** Runs the command and fails with the tail of its output unless it exits 0 in time. */
    static void check(List<String> command, Path log) throws IOException, InterruptedException {
        run(command, log, ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    /** Like {@link #check} but returns what the command printed on stdout (stderr goes to the log). */
    static String output(List<String> command, Path log) throws IOException, InterruptedException {
        Path out = Files.createTempFile(log.getParent(), "stdout", ".txt");
        try {
            run(command, log, ProcessBuilder.Redirect.to(out.toFile()));
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void run(List<String> command, Path log, ProcessBuilder.Redirect stdout)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectOutput(stdout)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                throw new IllegalStateException("timed out after " + TIMEOUT_MINUTES + " min: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " exited " + process.exitValue() + ": " + tail(log));
            }
        } finally {
            stop(process);
        }
    }

    /** Ends the process (and waits for it), forcibly if it does not stop within 10 s. */
    static void stop(Process process) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The text of {@code file} from byte {@code offset} on. */
    static String readFrom(Path file, long offset) throws IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            long size = channel.size();
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.max(0, size - offset));
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                // read on
            }
            return new String(buffer.array(), 0, buffer.position(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no output)";
        }
    }
}
