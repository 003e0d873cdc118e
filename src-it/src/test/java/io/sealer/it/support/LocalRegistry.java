package io.sealer.it.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.List;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A CNCF distribution server ({@code docker-registry serve}) on 127.0.0.1 with a free port, storing under a given root
 * directory, optionally with htpasswd (bcrypt) Basic authentication. Stops in {@link #close()}.
 */
public final class LocalRegistry implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path root;
    private final Path log;

    private LocalRegistry(Process process, int port, Path root, Path log) {
        this.process = process;
        this.port = port;
        this.root = root;
        this.log = log;
    }

    /** Starts an open registry whose storage is {@code rootDirectory}; {@code workDir} holds its config and log. */
    public static LocalRegistry start(Path rootDirectory, Path workDir) {
        return start(rootDirectory, workDir, null, null);
    }

    /** Starts a registry requiring Basic authentication with this user and password. */
    public static LocalRegistry startWithAuth(Path rootDirectory, Path workDir, String user, String password) {
        return start(rootDirectory, workDir, user, password);
    }

    private static LocalRegistry start(Path rootDirectory, Path workDir, String user, String password) {
        try {
            Files.createDirectories(rootDirectory);
            Files.createDirectories(workDir);
            int port = freePort();
            StringBuilder config = new StringBuilder()
                    .append("version: 0.1\n")
                    .append("log:\n  level: warn\n  accesslog:\n    disabled: true\n")
                    .append("storage:\n  filesystem:\n    rootdirectory: ").append(rootDirectory.toAbsolutePath())
                    .append("\n  delete:\n    enabled: true\n")
                    .append("http:\n  addr: 127.0.0.1:").append(port).append("\n  secret: it-secret\n");
            if (user != null) {
                Path htpasswd = workDir.resolve("htpasswd");
                String hash = OpenBSDBCrypt.generate("2y", password.toCharArray(), salt(), 5);
                Files.writeString(htpasswd, user + ":" + hash + "\n");
                config.append("auth:\n  htpasswd:\n    realm: it\n    path: ").append(htpasswd.toAbsolutePath())
                        .append('\n');
            }
            Path configFile = workDir.resolve("config-" + port + ".yml");
            Files.writeString(configFile, config.toString());
            Path log = workDir.resolve("registry-" + port + ".log");
            Process process = new ProcessBuilder("docker-registry", "serve", configFile.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            LocalRegistry registry = new LocalRegistry(process, port, rootDirectory, log);
            registry.awaitReady();
            return registry;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start docker-registry", e);
        }
    }

    /**
     * Makes a small test image (one manifest per platform, see {@link TestImages}) under {@code layouts/<name>} and
     * pushes it to this registry as {@code repoAndTag}.
     */
    public void pushTestImage(Path layouts, String name, String tag, List<String> platforms, String repoAndTag) {
        Path layout = TestImages.create(layouts.resolve(name), name, tag, platforms);
        TestImages.push(layout, tag, host() + "/" + repoAndTag, Optional.empty());
    }

    /** {@code 127.0.0.1:<port>}. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI uri() {
        return URI.create("http://" + host());
    }

    public Path root() {
        return root;
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited with " + process.exitValue() + ": "
                        + readLog());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(uri() + "/v2/"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200 || response.statusCode() == 401) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for docker-registry", e);
            }
            try {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for docker-registry", e);
            }
        }
        close();
        throw new IllegalStateException("docker-registry did not answer /v2/ within " + STARTUP + ": " + readLog());
    }

    private String readLog() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static byte[] salt() {
        byte[] salt = new byte[16];
        new java.security.SecureRandom().nextBytes(salt);
        return salt;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
