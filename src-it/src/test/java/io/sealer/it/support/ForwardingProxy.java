package io.sealer.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A plain HTTP reverse proxy on 127.0.0.1 in front of a registry, forwarding every method with its body and rewriting
 * upload locations to itself. Optionally it demands a Bearer token, which its own {@code /token} endpoint issues
 * against Basic credentials (the way Docker Hub's auth service does), and optionally it runs a hook when the first
 * blob is requested (to kill the registry mid-pull). The upstream can be changed, e.g. after a registry restart.
 */
public final class ForwardingProxy implements AutoCloseable {
    private static final Set<String> REQUEST_HEADERS = Set.of("accept", "content-type", "content-range");
    private static final Set<String> RESPONSE_HEADERS = Set.of("content-type", "docker-content-digest", "location",
            "docker-upload-uuid", "range", "docker-distribution-api-version");

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(8);
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicReference<URI> upstream;
    private final AtomicReference<Runnable> onFirstBlob = new AtomicReference<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger blobRequests = new AtomicInteger();
    private final String basicUser;
    private final String basicPassword;
    private final String token = UUID.randomUUID().toString();

    private ForwardingProxy(URI upstream, String basicUser, String basicPassword) throws IOException {
        this.upstream = new AtomicReference<>(upstream);
        this.basicUser = basicUser;
        this.basicPassword = basicPassword;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** An open proxy. */
    public static ForwardingProxy open(URI upstream) throws IOException {
        return new ForwardingProxy(upstream, null, null);
    }

    /** A proxy demanding Bearer tokens, issued by {@code /token} for these Basic credentials. */
    public static ForwardingProxy withBearer(URI upstream, String user, String password) throws IOException {
        return new ForwardingProxy(upstream, user, password);
    }

    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public void upstream(URI uri) {
        upstream.set(uri);
    }

    /** Runs {@code hook} once, when the next blob GET arrives, before forwarding it. */
    public void onFirstBlob(Runnable hook) {
        onFirstBlob.set(hook);
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    public int blobRequests() {
        return blobRequests.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (basicUser != null && path.equals("/token")) {
                issueToken(ex);
                return;
            }
            if (basicUser != null && !("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host()
                        + "/token\",service=\"it-registry\"");
                ex.sendResponseHeaders(401, -1);
                return;
            }
            if (ex.getRequestMethod().equals("GET") && path.contains("/blobs/sha256:")) {
                blobRequests.incrementAndGet();
                Runnable hook = onFirstBlob.getAndSet(null);
                if (hook != null) {
                    hook.run();
                }
            }
            forward(ex);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void issueToken(HttpExchange ex) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((basicUser + ":" + basicPassword)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.sendResponseHeaders(401, -1);
            return;
        }
        tokensIssued.incrementAndGet();
        byte[] body = ("{\"token\":\"" + token + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private void forward(HttpExchange ex) throws IOException, InterruptedException {
        URI base = upstream.get();
        byte[] requestBody = ex.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(ex.getRequestURI().toString()))
                .method(ex.getRequestMethod(), requestBody.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(requestBody));
        ex.getRequestHeaders().forEach((name, values) -> {
            if (REQUEST_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            ex.sendResponseHeaders(502, -1);
            return;
        }
        String upstreamAuthority = base.getAuthority();
        response.headers().map().forEach((name, values) -> {
            if (RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                for (String v : values) {
                    ex.getResponseHeaders().add(name, v.replace(upstreamAuthority, host()));
                }
            }
        });
        byte[] body = response.body();
        if (ex.getRequestMethod().equals("HEAD")) {
            response.headers().firstValue("Content-Length").ifPresent(l -> ex.getResponseHeaders()
                    .add("Content-Length", l));
            ex.sendResponseHeaders(response.statusCode(), -1);
            return;
        }
        ex.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
