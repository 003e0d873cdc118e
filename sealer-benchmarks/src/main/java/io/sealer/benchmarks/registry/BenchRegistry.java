package io.sealer.benchmarks.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A CNCF distribution server ({@code docker-registry serve}) on 127.0.0.1 with a free port, storing under a given
 * root directory. Its access log (one line a request, with the bytes sent) is kept so that every timed variant's
 * requests and bytes can be counted: {@link #logMark()} before, {@link #requestsSince(long)} after. Stopped by
 * {@link #close()}.
 */
final class BenchRegistry implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path log;

    private BenchRegistry(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code executable serve} storing under {@code root}; {@code workDir} holds its config and log. */
    static BenchRegistry start(String executable, Path root, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(root);
        Files.createDirectories(workDir);
        int port = freePort();
        String config = "version: 0.1\n"
                + "log:\n  level: warn\n  accesslog:\n    disabled: false\n"
                + "storage:\n  filesystem:\n    rootdirectory: " + root.toAbsolutePath() + "\n"
                + "http:\n  addr: 127.0.0.1:" + port + "\n  secret: bench-secret\n";
        Path configFile = workDir.resolve("registry-config.yml");
        Files.writeString(configFile, config);
        Path log = workDir.resolve("registry.log");
        Process process = new ProcessBuilder(executable, "serve", configFile.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        BenchRegistry registry = new BenchRegistry(process, port, log);
        try {
            registry.awaitReady();
        } catch (RuntimeException | InterruptedException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** {@code 127.0.0.1:<port>}. */
    String host() {
        return "127.0.0.1:" + port;
    }

    /** Where the log ends now: pass to {@link #requestsSince(long)} after a run. */
    long logMark() throws IOException {
        return Files.size(log);
    }

    /**
     * The requests logged after {@code mark}. The registry writes a request's line once its answer is sent, which may
     * be a moment after the client has it, so this waits until no new line has come for 150 ms (at most 3 s).
     */
    AccessLog requestsSince(long mark) throws IOException, InterruptedException {
        long size = Files.size(log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < deadline) {
            Thread.sleep(150);
            long now = Files.size(log);
            if (now == size) {
                break;
            }
            size = now;
        }
        return AccessLog.parse(Commands.readFrom(log, mark));
    }

    private void awaitReady() throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/"))
                .timeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited with " + process.exitValue() + ": "
                        + Commands.tail(log));
            }
            try {
                if (client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("docker-registry did not answer /v2/ within " + STARTUP + ": "
                + Commands.tail(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        Commands.stop(process);
    }
}
