package io.sealer.benchmarks.registry;

import io.sealer.registry.internal.cache.CacheResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;

/** Checks that a variant's output holds every image completely; returns the blob bytes it stored. */
final class Verify {
    private Verify() {
    }

    /** {@link CacheResult}: every image written, every unique config and layer blob fetched exactly once. */
    static void cacheResult(BenchImages data, CacheResult result) {
        cacheResult(data, CacheOnce.line(result));
    }

    /** The same check on {@link CacheOnce#line}. */
    static void cacheResult(BenchImages data, String line) {
        String expected = "written=" + data.images().size() + " skipped=0 blobsFetched=" + data.uniqueBlobs().size()
                + " bytesFetched=" + data.uniqueBlobBytes();
        expect(line.trim().equals(expected), "cache result \"" + line.trim() + "\", expected \"" + expected
                + "\" (every image written, each unique config and layer blob fetched once)");
    }

    /**
     * Registry storage ({@code docker/registry/v2}): each tag points at the image's manifest, and the manifest and
     * every blob are stored with their size and linked into the repository. Returns the config+layer bytes stored.
     */
    static long registryStorage(BenchImages data, Path v2) throws IOException {
        for (BenchImages.Image image : data.images()) {
            Path repo = v2.resolve("repositories/bench").resolve(image.name());
            String tag = Files.readString(repo.resolve("_manifests/tags/v1/current/link")).trim();
            expect(tag.equals(image.manifest().digest()), image.name() + " tag points at " + tag);
            expect(Files.isRegularFile(repo.resolve("_manifests/revisions/sha256").resolve(image.manifest().hex())
                    .resolve("link")), image.name() + " has no revision link");
            expectBlob(storageBlob(v2, image.manifest()), image.manifest());
            for (BenchImages.Blob blob : image.blobs()) {
                expectBlob(storageBlob(v2, blob), blob);
                expect(Files.isRegularFile(repo.resolve("_layers/sha256").resolve(blob.hex()).resolve("link")),
                        image.name() + " has no layer link for " + blob.digest());
            }
        }
        long bytes = 0;
        for (BenchImages.Blob blob : data.uniqueBlobs().values()) {
            bytes += Files.size(storageBlob(v2, blob));
        }
        return bytes;
    }

    /** {@code skopeo sync --dest dir}: one directory per image with its manifest and every blob. */
    static long dirCopies(BenchImages data, Path dest) throws IOException {
        Map<String, Path> byManifest = new HashMap<>();
        try (Stream<Path> files = Files.walk(dest)) {
            for (Path manifest : files.filter(p -> p.getFileName().toString().equals("manifest.json")).toList()) {
                byManifest.put(digestOf(manifest), manifest.getParent());
            }
        }
        long bytes = 0;
        for (BenchImages.Image image : data.images()) {
            Path dir = byManifest.get(image.manifest().digest());
            expect(dir != null, image.name() + " is missing from " + dest + " (manifests: " + byManifest.keySet()
                    + ")");
            for (BenchImages.Blob blob : image.blobs()) {
                Path file = dir.resolve(blob.hex());
                expectBlob(file, blob);
                bytes += Files.size(file);
            }
        }
        return bytes;
    }

    /** A shared OCI layout: every manifest and blob present once. */
    static long ociLayout(BenchImages data, Path layout) throws IOException {
        String index = Files.readString(layout.resolve("index.json"));
        long bytes = 0;
        for (BenchImages.Image image : data.images()) {
            expect(index.contains(image.manifest().digest()), image.name() + " missing from index.json");
            expectBlob(layout.resolve("blobs/sha256").resolve(image.manifest().hex()), image.manifest());
        }
        for (BenchImages.Blob blob : data.uniqueBlobs().values()) {
            Path file = layout.resolve("blobs/sha256").resolve(blob.hex());
            expectBlob(file, blob);
            bytes += Files.size(file);
        }
        return bytes;
    }

    private static Path storageBlob(Path v2, BenchImages.Blob blob) {
        return v2.resolve("blobs/sha256").resolve(blob.hex().substring(0, 2)).resolve(blob.hex()).resolve("data");
    }

    private static void expectBlob(Path file, BenchImages.Blob blob) throws IOException {
        expect(Files.isRegularFile(file), "missing blob " + blob.digest() + " at " + file);
        expect(Files.size(file) == blob.size(), "blob " + file + " has " + Files.size(file) + " bytes, expected "
                + blob.size());
    }

    private static String digestOf(Path file) throws IOException {
        MessageDigest sha = BenchImages.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                sha.update(buffer, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private static void expect(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException("verification failed: " + problem);
        }
    }
}
