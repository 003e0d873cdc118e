package io.sealer.benchmarks.registry;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fresh JVM's cost of HTTP, for the breakdown: {@code HttpProbe CLIENT SPAWN_MILLIS HOST BLOB_LIST DIR PARALLEL}
 * with CLIENT {@code httpclient} (java.net.http, configured as sealer's client was: HTTP/1.1, no redirects, body as
 * an InputStream) or {@code urlconnection} (HttpURLConnection). Prints {@code key=milliseconds} lines: {@code main}
 * (from the parent's spawn to main), {@code create} (building the client), {@code first} and {@code second} (GET
 * /v2/), {@code blobs} (every blob of the list, in parallel, streamed to a file with SHA-256, verified).
 */
public final class HttpProbe {
    private HttpProbe() {
    }

    public static void main(String[] args) throws Exception {
        long mainAt = System.currentTimeMillis();
        String mode = args[0];
        long spawn = Long.parseLong(args[1]);
        String host = args[2];
        List<String[]> blobs = Files.readAllLines(Path.of(args[3])).stream().filter(l -> !l.isBlank())
                .map(l -> l.split(" ")).toList();
        Path dir = Files.createDirectories(Path.of(args[4]));
        int parallel = Integer.parseInt(args[5]);
        long t = System.nanoTime();
        Client client = mode.equals("httpclient") ? new JavaNetHttp() : new UrlConnection();
        long create = System.nanoTime() - t;
        t = System.nanoTime();
        client.get("http://" + host + "/v2/", null, 0);
        long first = System.nanoTime() - t;
        t = System.nanoTime();
        client.get("http://" + host + "/v2/", null, 0);
        long second = System.nanoTime() - t;
        t = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<?>> futures = new ArrayList<>();
        for (String[] blob : blobs) {
            futures.add(pool.submit(() -> {
                client.get("http://" + host + "/v2/" + blob[0] + "/blobs/" + blob[1], dir.resolve(blob[1]
                        .substring(7)), Long.parseLong(blob[2]));
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        long all = System.nanoTime() - t;
        System.out.printf(Locale.ROOT, "main=%d%ncreate=%.1f%nfirst=%.1f%nsecond=%.1f%nblobs=%.1f%n",
                mainAt - spawn, create / 1e6, first / 1e6, second / 1e6, all / 1e6);
    }

    private interface Client {
        /** GETs {@code url}; with a {@code file}, streams the body there and checks size and digest. */
        void get(String url, Path file, long size) throws Exception;
    }

    private static final class JavaNetHttp implements Client {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NEVER).build();

        @Override
        public void get(String url, Path file, long size) throws Exception {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            check(url, response.statusCode());
            try (InputStream in = response.body()) {
                consume(url, in, file, size);
            }
        }
    }

    private static final class UrlConnection implements Client {
        @Override
        public void get(String url, Path file, long size) throws Exception {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection(Proxy.NO_PROXY);
            check(url, c.getResponseCode());
            try (InputStream in = c.getInputStream()) {
                consume(url, in, file, size);
            }
        }
    }

    private static void check(String url, int status) {
        if (status != 200) {
            throw new IllegalStateException(url + " answered " + status);
        }
    }

    private static void consume(String url, InputStream in, Path file, long size) throws Exception {
        byte[] buffer = new byte[64 * 1024];
        if (file == null) {
            in.transferTo(OutputStream.nullOutputStream());
            return;
        }
        MessageDigest sha = BenchImages.sha256();
        long done = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
                done += n;
            }
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        if (done != size || !file.getFileName().toString().equals(digest)) {
            throw new IllegalStateException(url + ": " + done + " bytes, digest " + digest);
        }
    }
}
