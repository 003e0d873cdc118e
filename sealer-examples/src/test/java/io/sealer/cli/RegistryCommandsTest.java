package io.sealer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCommandsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, Map<String, String> env, String... args) {
        SealerCli cli = new SealerCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env, dir);
        return cli.run(args);
    }

    private String all() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    /** A registry that refuses every credential with a Basic challenge. */
    private static HttpServer refusingRegistry() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
                ex.getResponseHeaders().add("Docker-Distribution-Api-Version", "registry/2.0");
                ex.sendResponseHeaders(401, -1);
            }
        });
        server.start();
        return server;
    }

    @Test
    void loginNeedsAUserAndAPassword() {
        assertThat(run("", Map.of(), "login", "127.0.0.1:5000")).isEqualTo(2);
        assertThat(all()).contains("login needs -u USER");
        assertThat(run("", Map.of(), "login", "127.0.0.1:5000", "-u", "alice")).isEqualTo(2);
        assertThat(all()).contains("-p PASSWORD or --password-stdin");
        assertThat(run("", Map.of(), "login", "127.0.0.1:5000", "-u", "alice", "-p", "x", "--password-stdin"))
                .isEqualTo(2);
    }

    @Test
    void failedLoginNeverPrintsThePasswordAndStoresNothing() throws Exception {
        HttpServer server = refusingRegistry();
        try {
            String registry = "127.0.0.1:" + server.getAddress().getPort();
            Path config = dir.resolve("cfg/config.json");
            int code = run("s3cret-stdin-pw\n", Map.of("DOCKER_CONFIG", "cfg"), "login", registry, "-u", "alice",
                    "--password-stdin");
            assertThat(code).isEqualTo(1);
            assertThat(all()).contains(registry).contains("401").doesNotContain("s3cret-stdin-pw");
            assertThat(config).doesNotExist();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void logoutOfAnUnknownRegistrySaysSoAndKeepsOtherEntries() throws Exception {
        Path config = dir.resolve("docker/config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "{\"auths\":{\"other:5000\":{\"auth\":\"YTpi\"}},\"psFormat\":\"x\"}");
        assertThat(run("", Map.of(), "--config", "docker", "logout", "127.0.0.1:5000")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Not logged in to 127.0.0.1:5000");
        assertThat(run("", Map.of(), "logout", "other:5000", "--config", "docker/config.json")).isZero();
        assertThat(Files.readString(config)).doesNotContain("other:5000").contains("psFormat");
    }

    @Test
    void buildRejectsBadRegistryFlags() {
        assertThat(run("", Map.of(), "build", "-t", "x:1", "--mirror", "docker.io", ".")).isEqualTo(2);
        assertThat(all()).contains("--mirror expects DOMAIN=URL");
        assertThat(run("", Map.of(), "build", "-t", "x:1", "--mirror", "docker.io=ftp://h", ".")).isEqualTo(2);
        assertThat(run("", Map.of(), "build", "-t", "x:1", "--max-pulls", "0", ".")).isEqualTo(2);
        assertThat(all()).contains("--max-pulls expects a positive number");
    }

    @Test
    void pushAndPullNeedOneName() {
        assertThat(run("", Map.of(), "push")).isEqualTo(2);
        assertThat(run("", Map.of(), "pull", "a", "b")).isEqualTo(2);
        assertThat(run("", Map.of(), "pull", "a", "--platform", "linux/")).isEqualTo(2);
        assertThat(run("", Map.of(), "--root", dir.resolve("s").toString(), "push", "nothing-here:1"))
                .isEqualTo(1);
        assertThat(all()).contains("nothing-here");
    }
}
