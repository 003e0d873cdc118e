package io.sealer.registry.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockingExchangeTest {
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final BlockingExchange exchange = new BlockingExchange(Duration.ofSeconds(5), () -> {
        throw new AssertionError("no TLS here");
    });

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/challenge", ex -> {
            ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"first\"");
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"second\"");
            byte[] body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(401, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/echo", ex -> {
            byte[] body = (ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("Authorization") + " "
                    + ex.getRequestHeaders().getFirst("Accept")).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Location", "/elsewhere");
            ex.sendResponseHeaders(307, ex.getRequestMethod().equals("HEAD") ? -1 : body.length);
            if (!ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.createContext("/stall", ex -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.createContext("/big", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 64; i++) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the client went away
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .timeout(Duration.ofSeconds(5));
    }

    @Test
    void answersAsHttpClientWouldWithRepeatedHeadersInOrderAndTheErrorBody() throws Exception {
        HttpResponse<InputStream> response = exchange.send(request("/challenge").GET().build());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("www-authenticate"))
                .containsExactly("Basic realm=\"first\"", "Bearer realm=\"second\"");
        try (InputStream body = response.body()) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).contains("UNAUTHORIZED");
        }
    }

    @Test
    void sendsTheRequestHeadersFollowsNoRedirectAndAnswersHead() throws Exception {
        HttpResponse<InputStream> get = exchange.send(request("/echo").header("Authorization", "Bearer t")
                .GET().build());
        assertThat(get.statusCode()).isEqualTo(307);
        assertThat(get.headers().firstValue("Location")).contains("/elsewhere");
        try (InputStream body = get.body()) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("GET Bearer t */*");
        }
        HttpResponse<InputStream> head = exchange.send(request("/echo")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(307);
        assertThat(head.body().readAllBytes()).isEmpty();
        assertThat(BlockingExchange.handles(request("/x").PUT(HttpRequest.BodyPublishers.ofString("x")).build()))
                .isFalse();
        assertThat(BlockingExchange.handles(request("/x").GET().build())).isTrue();
    }

    @Test
    void aResponseThatDoesNotComeInTimeIsATimeout() {
        assertThatThrownBy(() -> exchange.send(request("/stall").timeout(Duration.ofMillis(200)).GET().build()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void httpsTrustsTheConfiguredCaAndChecksTheHostName(@TempDir Path dir) throws Exception {
        Path good = keyPair(dir, "good", "ip:127.0.0.1,dns:localhost");
        Path wrongName = keyPair(dir, "other", "dns:registry.example");
        for (Path keyStore : List.of(good, wrongName)) {
            HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, "changeit".toCharArray());
            }
            keys.init(store, "changeit".toCharArray());
            SSLContext serverContext = SSLContext.getInstance("TLS");
            serverContext.init(keys.getKeyManagers(), null, null);
            https.setHttpsConfigurator(new HttpsConfigurator(serverContext));
            List<Integer> clientPorts = new java.util.concurrent.CopyOnWriteArrayList<>();
            https.createContext("/v2/", ex -> {
                clientPorts.add(ex.getRemoteAddress().getPort());
                ex.sendResponseHeaders(200, 2);
                ex.getResponseBody().write("{}".getBytes(StandardCharsets.UTF_8));
                ex.close();
            });
            https.start();
            try {
                URI uri = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/v2/");
                HttpRequest get = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
                SSLContext trusting = TrustMaterial.context(List.of(keyStore.resolveSibling(
                        keyStore.getFileName().toString().replace(".p12", ".pem"))));
                BlockingExchange trusted = new BlockingExchange(Duration.ofSeconds(5), trusting::getSocketFactory);
                if (keyStore.equals(good)) {
                    for (int i = 0; i < 2; i++) {
                        HttpResponse<InputStream> response = trusted.send(get);
                        assertThat(response.statusCode()).isEqualTo(200);
                        try (InputStream body = response.body()) {
                            assertThat(body.readAllBytes()).hasSize(2);
                        }
                    }
                    assertThat(clientPorts).as("the second request reuses the connection").hasSize(2)
                            .containsOnly(clientPorts.get(0));
                } else {
                    assertThatThrownBy(() -> trusted.send(get)).as("the certificate does not name 127.0.0.1")
                            .isInstanceOf(SSLException.class);
                }
                BlockingExchange defaults = new BlockingExchange(Duration.ofSeconds(5),
                        () -> TrustMaterial.context(List.of()).getSocketFactory());
                assertThatThrownBy(() -> defaults.send(get)).as("not signed by a default trust anchor")
                        .isInstanceOf(SSLException.class);
            } finally {
                https.stop(0);
            }
        }
    }

    /** A self-signed key pair made with keytool: {@code name.p12} (password changeit) and {@code name.pem}. */
    private static Path keyPair(Path dir, String name, String subjectAlternativeNames) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path p12 = dir.resolve(name + ".p12");
        run(keytool, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=" + name, "-ext", "SAN=" + subjectAlternativeNames, "-validity", "2", "-keystore", p12.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", name, "-keystore", p12.toString(), "-storepass", "changeit",
                "-file", dir.resolve(name + ".pem").toString());
        return p12;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }

    @Test
    void anInterruptedReaderStopsAtItsNextRead() throws Exception {
        HttpResponse<InputStream> response = exchange.send(request("/big").GET().build());
        try (InputStream body = response.body()) {
            assertThat(body.read(new byte[1024])).isPositive();
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> body.read(new byte[1024])).isInstanceOf(InterruptedIOException.class);
        } finally {
            Thread.interrupted();
        }
    }
}
