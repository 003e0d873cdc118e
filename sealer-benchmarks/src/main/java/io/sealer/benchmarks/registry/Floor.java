package io.sealer.benchmarks.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor the registry cache is compared with: the same unique blobs read over loopback with plain parallel HTTP GETs
 * ({@link HttpURLConnection}, keep-alive, one thread per request, {@code parallel} at a time), each streamed into its
 * own file while its SHA-256 is computed and checked. No manifests, no links, no registry layout, no retries: only
 * what any client must do to have the bytes on disk, verified.
 */
final class Floor {
    private static final int BUFFER = 256 * 1024;

    private Floor() {
    }

    /** One blob to fetch: the repository it is fetched from and the blob. */
    record Fetch(String repository, BenchImages.Blob blob) {
    }

    /** Every unique config and layer blob of the data set, each from the first image that has it. */
    static List<Fetch> fetches(BenchImages data) {
        Map<String, Fetch> fetches = new LinkedHashMap<>();
        for (BenchImages.Image image : data.images()) {
            for (BenchImages.Blob blob : image.blobs()) {
                fetches.putIfAbsent(blob.digest(), new Fetch("bench/" + image.name(), blob));
            }
        }
        return List.copyOf(fetches.values());
    }

    /** Fetches every blob into {@code dir} (file name: the hex digest); returns the bytes fetched. */
    static long run(String host, List<Fetch> fetches, Path dir, int parallel) throws Exception {
        Files.createDirectories(dir);
        AtomicLong bytes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Fetch fetch : fetches) {
                futures.add(pool.submit(() -> {
                    bytes.addAndGet(get(host, fetch, dir.resolve(fetch.blob().hex())));
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return bytes.get();
    }

    private static long get(String host, Fetch fetch, Path file) throws IOException {
        URL url = new URL("http://" + host + "/v2/" + fetch.repository() + "/blobs/" + fetch.blob().digest());
        HttpURLConnection connection = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
        if (connection.getResponseCode() != 200) {
            throw new IOException(url + " answered " + connection.getResponseCode());
        }
        MessageDigest sha = BenchImages.sha256();
        byte[] buffer = new byte[BUFFER];
        long done = 0;
        try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
                done += n;
            }
        }
        String digest = "sha256:" + HexFormat.of().formatHex(sha.digest());
        if (!digest.equals(fetch.blob().digest()) || done != fetch.blob().size()) {
            throw new IOException(url + ": got " + done + " bytes with digest " + digest);
        }
        return done;
    }
}
