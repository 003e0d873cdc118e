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
import java.util.List;
import java.util.Set;

/**
 * A plain HTTP reverse proxy on 127.0.0.1 in front of a registry that flips the first byte of one blob, to show that
 * corrupt downloads are caught.
 */
public final class CorruptingProxy implements AutoCloseable {
    private static final Set<String> COPIED = Set.of("content-type", "docker-content-digest", "location",
            "www-authenticate", "docker-distribution-api-version", "content-length");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI upstream;
    private final String corruptDigest;

    public CorruptingProxy(URI upstream, String corruptDigest) throws IOException {
        this.upstream = upstream;
        this.corruptDigest = corruptDigest;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(ex.getRequestURI().toString()))
                    .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
            for (String name : List.of("Accept", "Authorization")) {
                List<String> values = ex.getRequestHeaders().get(name);
                if (values != null) {
                    values.forEach(v -> request.header(name, v));
                }
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (COPIED.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.equalsIgnoreCase(
                        "content-length")) {
                    values.forEach(v -> ex.getResponseHeaders().add(name, v));
                }
            });
            byte[] body = response.body();
            if (ex.getRequestURI().getPath().endsWith("/blobs/" + corruptDigest) && body.length > 0) {
                body[0] ^= 0x01;
            }
            if (ex.getRequestMethod().equals("HEAD") || body.length == 0) {
                ex.sendResponseHeaders(response.statusCode(), -1);
                return;
            }
            ex.sendResponseHeaders(response.statusCode(), body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
