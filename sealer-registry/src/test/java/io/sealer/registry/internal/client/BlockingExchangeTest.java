package io.sealer.registry.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
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
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
