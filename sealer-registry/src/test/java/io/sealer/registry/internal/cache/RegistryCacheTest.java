package io.sealer.registry.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.registry.internal.ReadOnlyTestClient;
import io.sealer.api.event.Progress;
import io.sealer.api.event.OperationKind;
import io.sealer.api.ImageNotFoundException;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.RegistryException;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import io.sealer.api.spi.LayerWriteListener;
import io.sealer.api.spi.RegistryManifest;
import io.sealer.registry.internal.manifest.Digests;
import io.sealer.registry.internal.manifest.MediaTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCacheTest {
    @TempDir
    Path dir;

    /** An in-memory registry: manifests by "repository:tag" and "repository@digest", blobs by digest. */
    static final class MemoryClient extends ReadOnlyTestClient {
        final Map<String, RegistryManifest> manifests = new ConcurrentHashMap<>();
        final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
        final List<String> fetched = new CopyOnWriteArrayList<>();
        final Set<String> corrupt = ConcurrentHashMap.newKeySet();

        String blob(String content) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            blobs.put(Digests.of(bytes), bytes);
            return Digests.of(bytes);
        }

        RegistryManifest manifest(String repository, String tag, String mediaType, String json) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            RegistryManifest m = new RegistryManifest(mediaType, Digests.of(bytes), bytes);
            manifests.put(repository + "@" + m.digest(), m);
            if (tag != null) {
                manifests.put(repository + ":" + tag, m);
            }
            return m;
        }

        RegistryManifest image(String repository, String tag, String... layers) {
            String config = blob("{\"config\":\"" + repository + tag + "\"}");
            StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                    + "\",\"config\":{\"mediaType\":\"c\",\"digest\":\"" + config + "\",\"size\":1},\"layers\":[");
            for (int i = 0; i < layers.length; i++) {
                json.append(i == 0 ? "" : ",").append("{\"mediaType\":\"l\",\"digest\":\"").append(blob(layers[i]))
                        .append("\",\"size\":").append(layers[i].length()).append('}');
            }
            return manifest(repository, tag, MediaTypes.OCI_MANIFEST, json.append("]}").toString());
        }

        RegistryManifest index(String repository, String tag, Map<String, RegistryManifest> byPlatform) {
            StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX
                    + "\",\"manifests\":[");
            String sep = "";
            for (Map.Entry<String, RegistryManifest> e : byPlatform.entrySet()) {
                String[] p = e.getKey().split("/");
                json.append(sep).append("{\"mediaType\":\"").append(MediaTypes.OCI_MANIFEST)
                        .append("\",\"digest\":\"").append(e.getValue().digest()).append("\",\"size\":1,")
                        .append("\"platform\":{\"os\":\"").append(p[0]).append("\",\"architecture\":\"")
                        .append(p[1]).append("\"}}");
                sep = ",";
            }
            return manifest(repository, tag, MediaTypes.OCI_INDEX, json.append("]}").toString());
        }

        @Override
        public Optional<RegistryManifest> fetchManifest(ImageReference reference) {
            String key = reference.repository() + reference.optionalDigest().map(d -> "@" + d)
                    .orElseGet(() -> ":" + reference.effectiveTag());
            return Optional.ofNullable(manifests.get(key));
        }

        @Override
        public boolean blobExists(ImageReference repository, String digest) {
            return blobs.containsKey(digest);
        }

        @Override
        public void fetchBlob(ImageReference repository, String digest, long size, Path target,
                Progress progress) {
            fetched.add(digest);
            if (corrupt.contains(digest)) {
                throw new RegistryException(repository.toString(), "blob " + digest + " is corrupt", null);
            }
            try {
                Files.write(target, blobs.get(digest));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            progress.progressed(size, size);
        }
    }

    private final MemoryClient registry = new MemoryClient();
    private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

    private CacheResult write(List<String> images, List<Platform> platforms, Path layer, List<Path> existing) {
        return new RegistryCache(registry, 2, Progress.to(events::add)).write(images.stream().map(ImageReference::parse).toList(),
                platforms, layer, existing);
    }

    private static String link(Path file) throws IOException {
        return Files.readString(file);
    }

    @Test
    void writesDistributionLayoutKeepingTheIndexAndEveryWantedPlatform() throws IOException {
        RegistryManifest amd = registry.image("docker.io/library/app", null, "base", "amd-top");
        RegistryManifest arm = registry.image("docker.io/library/app", null, "base", "arm-top");
        RegistryManifest s390 = registry.image("docker.io/library/app", null, "base", "s390-top");
        RegistryManifest index = registry.index("docker.io/library/app", "1",
                Map.of("linux/amd64", amd, "linux/arm64", arm, "linux/s390x", s390));
        RegistryManifest single = registry.image("ghcr.io/kyverno/kyverno", "v1", "base", "kyverno");
        Path layer = dir.resolve("layer");

        CacheResult result = write(List.of("app:1", "ghcr.io/kyverno/kyverno:v1", "docker.io/library/app:1"),
                List.of(Platform.LINUX_AMD64, Platform.parse("linux/arm64/v8")), layer, List.of());

        Path v2 = RegistryCache.storageDirectory(layer);
        assertThat(v2).isEqualTo(layer.resolve("registry/docker/registry/v2"));
        Path app = v2.resolve("repositories/library/app/_manifests");
        assertThat(link(app.resolve("tags/1/current/link"))).isEqualTo(index.digest());
        assertThat(link(app.resolve("tags/1/index/sha256/" + Digests.hex(index.digest()) + "/link")))
                .isEqualTo(index.digest());
        for (RegistryManifest m : List.of(index, amd, arm)) {
            assertThat(link(app.resolve("revisions/sha256/" + Digests.hex(m.digest()) + "/link")))
                    .isEqualTo(m.digest());
            String hex = Digests.hex(m.digest());
            assertThat(v2.resolve("blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data"))
                    .hasBinaryContent(m.content());
        }
        assertThat(app.resolve("revisions/sha256/" + Digests.hex(s390.digest()))).doesNotExist();
        String base = Digests.of("base".getBytes(StandardCharsets.UTF_8));
        assertThat(link(v2.resolve("repositories/library/app/_layers/sha256/" + Digests.hex(base) + "/link")))
                .isEqualTo(base);
        assertThat(link(v2.resolve("repositories/kyverno/kyverno/_manifests/tags/v1/current/link")))
                .isEqualTo(single.digest());
        assertThat(registry.fetched).containsOnlyOnce(base);
        assertThat(registry.fetched).doesNotContain(Digests.of("s390-top".getBytes(StandardCharsets.UTF_8)));
        assertThat(result.written()).hasSize(2);
        assertThat(layer.resolve("registry")).isDirectoryNotContaining(p -> p.getFileName().toString()
                .startsWith(".partial"));
        assertThat(events).anyMatch(e -> e instanceof ProgressEvent.Finished
                && e.operation().kind() == OperationKind.CONTAINER_IMAGE
                && e.operation().subject().image().orElseThrow().toString().equals("docker.io/library/app:1"));
        assertThat(events).anyMatch(e -> e instanceof ProgressEvent.Progressed
                && e.operation().kind() == OperationKind.BLOB
                && e.operation().subject().digest().orElseThrow().equals(base)
                && e.operation().parentId().isPresent());
    }

    @Test
    void digestPinnedReferenceStoresTheRevisionAndTheTagWhenGiven() throws IOException {
        RegistryManifest m = registry.image("quay.io/a/b", "2", "l1");
        Path layer = dir.resolve("layer");
        write(List.of("quay.io/a/b@" + m.digest(), "quay.io/a/b:2@" + m.digest()), List.of(), layer, List.of());
        Path manifests = RegistryCache.storageDirectory(layer).resolve("repositories/a/b/_manifests");
        assertThat(link(manifests.resolve("revisions/sha256/" + Digests.hex(m.digest()) + "/link")))
                .isEqualTo(m.digest());
        assertThat(link(manifests.resolve("tags/2/current/link"))).isEqualTo(m.digest());
    }

    @Test
    void sameRepositoryAndTagFromTwoRegistriesIsAnError() {
        registry.image("quay.io/x/y", "1", "q");
        registry.image("docker.io/x/y", "1", "d");
        assertThatThrownBy(() -> write(List.of("quay.io/x/y:1", "x/y:1"), List.of(), dir.resolve("l"), List.of()))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("quay.io/x/y:1")
                .hasMessageContaining("docker.io/x/y:1");
        assertThat(registry.fetched).isEmpty();
    }

    @Test
    void missingImageAndMissingPlatformAreNamed() {
        assertThatThrownBy(() -> write(List.of("quay.io/no/such:1"), List.of(), dir.resolve("l"), List.of()))
                .isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining("quay.io/no/such:1");
        registry.index("docker.io/library/only", "1",
                Map.of("linux/amd64", registry.image("docker.io/library/only", null, "x")));
        assertThatThrownBy(() -> write(List.of("only:1"), List.of(Platform.LINUX_ARM64), dir.resolve("l2"),
                List.of()))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("docker.io/library/only:1")
                .hasMessageContaining("linux/arm64")
                .hasMessageContaining("linux/amd64");
    }

    @Test
    void failedBlobLeavesNoTagBehind() {
        registry.image("docker.io/library/good", "1", "good-layer");
        registry.image("docker.io/library/bad", "1", "bad-layer");
        String bad = Digests.of("bad-layer".getBytes(StandardCharsets.UTF_8));
        registry.corrupt.add(bad);
        Path layer = dir.resolve("layer");
        assertThatThrownBy(() -> write(List.of("good:1", "bad:1"), List.of(), layer, List.of()))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining(bad)
                .hasMessageContaining("docker.io/library/bad:1");
        Path v2 = RegistryCache.storageDirectory(layer);
        assertThat(v2.resolve("repositories/library/bad/_manifests/tags")).doesNotExist();
        String hex = Digests.hex(bad);
        assertThat(v2.resolve("blobs/sha256/" + hex.substring(0, 2) + "/" + hex)).doesNotExist();
        assertThat(layer.resolve("registry")).isDirectoryNotContaining(p -> p.getFileName().toString()
                .startsWith(".partial"));
    }

    @Test
    void imagesCompleteInAnExistingRootAreSkippedAndSharedBlobsNotFetchedAgain() {
        RegistryManifest amd = registry.image("docker.io/library/app", null, "base", "amd-top");
        registry.index("docker.io/library/app", "1", Map.of("linux/amd64", amd));
        registry.image("docker.io/library/next", "2", "base", "next-top");
        Path baseLayer = dir.resolve("base");
        write(List.of("app:1"), List.of(Platform.LINUX_AMD64), baseLayer, List.of());
        registry.fetched.clear();

        CacheResult result = write(List.of("app:1", "next:2"), List.of(Platform.LINUX_AMD64), dir.resolve("top"),
                List.of(baseLayer.resolve("registry")));

        assertThat(result.skipped()).containsExactly(ImageReference.parse("app:1"));
        assertThat(result.written()).containsExactly(ImageReference.parse("next:2"));
        assertThat(registry.fetched).doesNotContain(Digests.of("base".getBytes(StandardCharsets.UTF_8)))
                .contains(Digests.of("next-top".getBytes(StandardCharsets.UTF_8)));
        assertThat(RegistryCache.storageDirectory(dir.resolve("top")).resolve("repositories/library/app"))
                .doesNotExist();
    }

    @Test
    void theListenerIsToldEveryFileTheCacheLeavesAndEachOnceWhenInPlace() throws IOException {
        RegistryManifest amd = registry.image("docker.io/library/app", null, "base", "amd-top");
        RegistryManifest arm = registry.image("docker.io/library/app", null, "base", "arm-top");
        registry.index("docker.io/library/app", "1", Map.of("linux/amd64", amd, "linux/arm64", arm));
        registry.image("docker.io/library/app", "2", "base", "two-top"); // same repository, shared layer link
        registry.image("docker.io/library/lower", "3", "base", "lower-top");
        Path lower = dir.resolve("lower");
        write(List.of("lower:3"), List.of(), lower, List.of()); // holds "base": not fetched again, still linked
        Path layer = dir.resolve("layer");
        List<Path> planned = new CopyOnWriteArrayList<>();
        List<Path> completed = new CopyOnWriteArrayList<>();
        List<String> notInPlace = new CopyOnWriteArrayList<>();
        LayerWriteListener listener = new LayerWriteListener() {
            @Override
            public void planned(java.util.Collection<Path> files) {
                planned.addAll(files);
            }

            @Override
            public void completed(Path file) {
                if (!Files.isRegularFile(layer.resolve(file))) {
                    notInPlace.add(file.toString());
                }
                completed.add(file);
            }
        };

        new RegistryCache(registry, 2, Progress.NONE).write(List.of(ImageReference.parse("app:1"),
                ImageReference.parse("app:2"), ImageReference.parse("lower:3")), List.of(Platform.LINUX_AMD64,
                Platform.LINUX_ARM64), layer, List.of(lower.resolve("registry")), listener);

        List<Path> files;
        try (var walk = Files.walk(layer)) {
            files = walk.filter(Files::isRegularFile).map(layer::relativize).toList();
        }
        assertThat(planned).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(files);
        assertThat(completed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(files);
        assertThat(notInPlace).isEmpty();
        String base = Digests.hex(Digests.of("base".getBytes(StandardCharsets.UTF_8)));
        assertThat(files).noneMatch(f -> f.toString().endsWith(base + "/data"))
                .anyMatch(f -> f.toString().endsWith("_layers/sha256/" + base + "/link"));
    }
}
