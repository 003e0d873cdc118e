package io.sealer.registry.internal.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sealer.registry.internal.manifest.Digests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A tiny in-memory OCI registry on 127.0.0.1 for unit tests, with optional Basic or Bearer auth and fault hooks. */
final class FakeRegistry implements AutoCloseable {
    record Manifest(String mediaType, byte[] content) {
    }

    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final Map<String, Manifest> manifests = new ConcurrentHashMap<>();
    /** Whether a HEAD of a manifest answers with its Docker-Content-Digest (some registries do not). */
    volatile boolean headGivesDigest = true;
    /** Blobs pushed or mounted per repository ("repo@digest"): what HEAD answers for. */
    final Set<String> linked = ConcurrentHashMap.newKeySet();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final AtomicInteger tokenRequests = new AtomicInteger();
    private final Map<String, ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
    private final Map<String, String> uploadRepos = new ConcurrentHashMap<>();
    private final AtomicInteger uploadIds = new AtomicInteger();
    private final HttpServer server;
    volatile String basicUser;
    volatile String basicPassword;
    volatile boolean bearer;
    /** Answers a request itself when it returns true. */
    volatile Predicate<HttpExchange> interceptor = e -> false;

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String addBlob(byte[] content) {
        String digest = Digests.of(content);
        blobs.put(digest, content);
        return digest;
    }

    String addManifest(String repo, String tag, String mediaType, String json) {
        byte[] content = json.getBytes(StandardCharsets.UTF_8);
        String digest = Digests.of(content);
        manifests.put(repo + "@" + digest, new Manifest(mediaType, content));
        if (tag != null) {
            manifests.put(repo + ":" + tag, new Manifest(mediaType, content));
        }
        return digest;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            requests.add(method + " " + ex.getRequestURI());
            if (path.equals("/token")) {
                tokenRequests.incrementAndGet();
                if (!basicOk(ex)) {
                    send(ex, 401, "{}");
                } else {
                    send(ex, 200, "{\"token\":\"secret-token-" + tokenRequests.get() + "\",\"expires_in\":300}");
                }
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
            if (interceptor.test(ex)) {
                return;
            }
            if (bearer && (auth == null || !auth.startsWith("Bearer secret-token-"))) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host()
                        + "/token\",service=\"fake\",scope=\"repository:x:pull\"");
                send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
                return;
            }
            if (!bearer && basicUser != null && !basicOk(ex)) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake\"");
                send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
                return;
            }
            route(ex, method, path);
        }
    }

    private void route(HttpExchange ex, String method, String path) throws IOException {
        if (path.equals("/v2/")) {
            send(ex, 200, "{}");
            return;
        }
        if (path.startsWith("/upload/")) {
            upload(ex, method, path.substring("/upload/".length()));
            return;
        }
        int m = path.indexOf("/manifests/");
        if (m > 0) {
            String repo = path.substring(4, m);
            String ref = path.substring(m + "/manifests/".length());
            String key = repo + (ref.startsWith("sha256:") ? "@" : ":") + ref;
            if (method.equals("PUT")) {
                byte[] body = ex.getRequestBody().readAllBytes();
                Manifest manifest = new Manifest(ex.getRequestHeaders().getFirst("Content-Type"), body);
                manifests.put(key, manifest);
                manifests.put(repo + "@" + Digests.of(body), manifest);
                ex.getResponseHeaders().add("Docker-Content-Digest", Digests.of(body));
                send(ex, 201, "");
                return;
            }
            Manifest manifest = manifests.get(key);
            if (manifest == null) {
                send(ex, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}");
                return;
            }
            ex.getResponseHeaders().add("Content-Type", manifest.mediaType());
            if (method.equals("HEAD")) {
                if (headGivesDigest) {
                    ex.getResponseHeaders().add("Docker-Content-Digest", Digests.of(manifest.content()));
                }
                ex.sendResponseHeaders(200, -1);
                return;
            }
            ex.getResponseHeaders().add("Docker-Content-Digest", Digests.of(manifest.content()));
            sendBytes(ex, 200, manifest.content());
            return;
        }
        int b = path.indexOf("/blobs/");
        if (b > 0 && path.endsWith("/blobs/uploads/") && method.equals("POST")) {
            String query = ex.getRequestURI().getQuery();
            if (query != null && query.contains("mount=")) {
                String digest = query.replaceAll(".*mount=([^&]+).*", "$1");
                if (blobs.containsKey(digest)) {
                    linked.add(path.substring(4, b) + "@" + digest);
                    send(ex, 201, "");
                    return;
                }
            }
            String id = String.valueOf(uploadIds.incrementAndGet());
            uploads.put(id, new ByteArrayOutputStream());
            uploadRepos.put(id, path.substring(4, b));
            ex.getResponseHeaders().add("Location", "/upload/" + id + "?_state=abc");
            send(ex, 202, "");
            return;
        }
        if (b > 0) {
            String digest = path.substring(b + "/blobs/".length());
            byte[] blob = blobs.get(digest);
            if (blob == null) {
                send(ex, 404, "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\"}]}");
                return;
            }
            if (method.equals("HEAD")) {
                ex.sendResponseHeaders(linked.contains(path.substring(4, b) + "@" + digest) ? 200 : 404, -1);
                return;
            }
            sendBytes(ex, 200, blob);
            return;
        }
        send(ex, 404, "{}");
    }

    private void upload(HttpExchange ex, String method, String id) throws IOException {
        ByteArrayOutputStream data = uploads.get(id);
        try (InputStream in = ex.getRequestBody()) {
            in.transferTo(data);
        }
        if (method.equals("PATCH")) {
            ex.getResponseHeaders().add("Location", "/upload/" + id + "?_state=def");
            send(ex, 202, "");
            return;
        }
        String digest = ex.getRequestURI().getQuery().replaceAll(".*digest=([^&]+).*", "$1");
        if (!Digests.of(data.toByteArray()).equals(digest)) {
            send(ex, 400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\"}]}");
            return;
        }
        blobs.put(digest, data.toByteArray());
        linked.add(uploadRepos.get(id) + "@" + digest);
        send(ex, 201, "");
    }

    private boolean basicOk(HttpExchange ex) {
        if (basicUser == null) {
            return true;
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (basicUser + ":" + basicPassword).getBytes(StandardCharsets.UTF_8));
        return expected.equals(ex.getRequestHeaders().getFirst("Authorization"));
    }

    static void send(HttpExchange ex, int status, String body) throws IOException {
        sendBytes(ex, status, body.getBytes(StandardCharsets.UTF_8));
    }

    static void sendBytes(HttpExchange ex, int status, byte[] body) throws IOException {
        if (body.length == 0) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
