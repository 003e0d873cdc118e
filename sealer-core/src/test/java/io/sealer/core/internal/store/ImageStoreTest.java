package io.sealer.core.internal.store;

import io.sealer.api.image.RemovalResult;

import io.sealer.api.image.ImageSummary;

import static io.sealer.core.internal.store.StoreFixtures.image;
import static io.sealer.core.internal.store.StoreFixtures.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.ImageNotFoundException;
import io.sealer.api.StoreException;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Platform;
import io.sealer.core.internal.io.IoFailures;
import io.sealer.core.internal.layer.LayerDigestMismatchException;
import io.sealer.core.internal.layer.ReproducibleTar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {
    private static final Platform AMD64 = Platform.LINUX_AMD64;
    private static final Platform ARM64 = Platform.LINUX_ARM64;

    @TempDir
    Path tmp;
    ImageStore store;

    @BeforeEach
    void open() {
        store = ImageStore.open(tmp.resolve("store"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void addLayerStoresFilesUnderOverlay2AndDeduplicates() throws IOException {
        StoredLayer first = layer(store, Map.of("registry/docker/registry/v2/blobs/x", "blob"));
        StoredLayer again = layer(store, Map.of("registry/docker/registry/v2/blobs/x", "blob"));

        assertThat(again).isEqualTo(first);
        Path dir = store.paths().layerDir(first.id().substring(7));
        assertThat(store.layerPath(first.id())).isEqualTo(dir);
        assertThat(Files.readString(dir.resolve("registry/docker/registry/v2/blobs/x"))).isEqualTo("blob");
        Path meta = store.paths().layerMeta(first.id().substring(7));
        assertThat(Files.readString(meta.resolve("id"))).isEqualTo(first.id());
        assertThat(Files.readString(meta.resolve("size"))).isEqualTo(Long.toString(first.size()));
        assertThat(ReproducibleTar.digest(dir).id()).isEqualTo(first.id());
        try (Stream<Path> tmpEntries = Files.list(store.paths().tmp())) {
            assertThat(tmpEntries.filter(p -> p.getFileName().toString().contains("staging"))).isEmpty();
        }
    }

    @Test
    void addLayerFromAForeignDirectoryCopiesAndLeavesItAlone() throws IOException {
        Path own = Files.createDirectories(tmp.resolve("ctx/etc"));
        Files.writeString(own.resolve("a.conf"), "a");

        StoredLayer stored = store.addLayer(tmp.resolve("ctx"));

        assertThat(own.resolve("a.conf")).exists();
        assertThat(stored.id()).isEqualTo(ReproducibleTar.digest(tmp.resolve("ctx")).id());
        assertThat(store.hasLayer(stored.id())).isTrue();
        assertThat(store.addLayer(Files.createDirectories(tmp.resolve("nothing")))).isEqualTo(StoredLayer.EMPTY);
    }

    @Test
    void commitFindListAndInspect() {
        StoredLayer base = layer(store, Map.of("bin/kubeadm", "kubeadm"));
        ClusterImage amd = store.commit(image("my/app:v1", AMD64, base));
        ClusterImage arm = store.commit(image("my/app:v1", ARM64, base));

        assertThat(amd.id()).startsWith("sha256:").isNotEqualTo(arm.id());
        assertThat(amd.name()).isEqualTo("docker.io/my/app:v1");
        assertThat(store.find("my/app:v1", Optional.of(ARM64))).contains(arm);
        assertThat(store.find("docker.io/my/app:v1", Optional.of(AMD64))).contains(amd);
        assertThat(store.find(amd.id(), Optional.empty())).contains(amd);
        assertThat(store.find(amd.id().substring(7, 19), Optional.empty())).contains(amd);
        assertThat(store.find("my/other:v1", Optional.empty())).isEmpty();
        assertThatThrownBy(() -> store.resolve("my/other:v1", Optional.empty()))
                .isInstanceOf(ImageNotFoundException.class).hasMessageContaining("my/other:v1");
        assertThat(store.inspect("my/app:v1")).containsExactlyInAnyOrder(amd, arm);
        assertThat(store.list()).extracting(ImageSummary::name, ImageSummary::id, ImageSummary::platform,
                        ImageSummary::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("docker.io/my/app:v1", amd.id(), AMD64,
                                base.size()),
                        org.assertj.core.groups.Tuple.tuple("docker.io/my/app:v1", arm.id(), ARM64, base.size()));
    }

    @Test
    void theIdDependsOnContentAndCreationTimeButNotOnTheName() throws IOException {
        StoredLayer base = layer(store, Map.of("f", "1"));
        StoredLayer other = layer(store, Map.of("f", "2"));
        ClusterImage first = store.commit(image("a:v1", AMD64, base));
        String same = store.commit(image("a:v1", AMD64, base)).id();
        String renamed = store.commit(image("b:v1", AMD64, base)).id();
        String otherContent = store.commit(image("c:v1", AMD64, other)).id();
        ClusterImage later = image("d:v1", AMD64, base);
        String otherTime = store.commit(new ClusterImage(later.name(), null, AMD64, later.layers(), later.config(),
                later.containerImages(), later.created().plusSeconds(1))).id();

        assertThat(same).isEqualTo(first.id());
        assertThat(renamed).isEqualTo(first.id());
        assertThat(otherContent).isNotEqualTo(first.id());
        assertThat(otherTime).isNotEqualTo(first.id());
        assertThat(store.paths().imageDb()).isDirectoryContaining(p -> p.getFileName().toString()
                .equals(first.id().substring(7) + ".json"));
        assertThat(Files.readString(store.paths().imageFile(first.id().substring(7)))).doesNotContain("a:v1");
    }

    @Test
    void sameNameAndPlatformIsReplaced() {
        StoredLayer one = layer(store, Map.of("f", "1"));
        StoredLayer two = layer(store, Map.of("f", "2"));
        ClusterImage old = store.commit(image("app:v1", AMD64, one));
        ClusterImage replacement = store.commit(image("app:v1", AMD64, two));

        assertThat(store.list()).singleElement().extracting(ImageSummary::id).isEqualTo(replacement.id());
        assertThat(store.paths().imageFile(old.id().substring(7))).doesNotExist();
        assertThat(store.prune().layers()).containsExactly(one.id());
    }

    @Test
    void commitRejectsMissingLayers() {
        ClusterImage bad = image("app:v1", AMD64, new StoredLayer("sha256:" + "a".repeat(64), 10));

        assertThatThrownBy(() -> store.commit(bad)).isInstanceOf(StoreException.class)
                .hasMessageContaining("is not in the store");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void tagSharesLayersAndRmiKeepsThemWhileReferenced() {
        StoredLayer shared = layer(store, Map.of("shared", "s"));
        StoredLayer own = layer(store, Map.of("own", "o"));
        store.commit(image("app:v1", AMD64, shared, own));
        store.commit(image("app:v1", ARM64, shared, own));
        List<ClusterImage> tagged = store.tag("app:v1", "registry.local/app:v2");
        ClusterImage other = store.commit(image("other:v1", AMD64, shared));

        assertThat(tagged).hasSize(2).allSatisfy(t -> assertThat(t.name()).isEqualTo("registry.local/app:v2"));
        assertThat(tagged).extracting(ClusterImage::id).containsExactlyInAnyOrderElementsOf(
                store.inspect("app:v1").stream().map(ClusterImage::id).toList());
        assertThat(store.list()).hasSize(5);

        RemovalResult firstRemoval = store.rmi("app:v1", Optional.empty());
        assertThat(firstRemoval.images()).isEmpty(); // both images keep their other name
        assertThat(firstRemoval.layers()).isEmpty();

        RemovalResult oneArch = store.rmi("registry.local/app:v2", Optional.of(ARM64));
        assertThat(oneArch.images()).hasSize(1);
        assertThat(oneArch.layers()).isEmpty();
        RemovalResult secondRemoval = store.rmi("registry.local/app:v2", Optional.empty());
        store.close();
        RemovalResult pruned = store.prune();
        assertThat(secondRemoval.layers()).containsExactly(own.id());
        assertThat(pruned.layers()).isEmpty();
        assertThat(store.hasLayer(shared.id())).isTrue();
        assertThat(store.hasLayer(own.id())).isFalse();
        assertThat(store.paths().layerDir(own.id().substring(7))).doesNotExist();

        store.rmi(other.id(), Optional.empty());
        assertThat(store.hasLayer(shared.id())).isFalse();
        assertThat(store.list()).isEmpty();
        assertThatThrownBy(() -> store.rmi("app:v1", Optional.empty())).isInstanceOf(ImageNotFoundException.class);
    }

    @Test
    void leasedLayersSurvivePruneUntilTheStoreIsClosed() {
        StoredLayer pending = layer(store, Map.of("pending", "p"));
        try (ImageStore other = ImageStore.open(store.paths().root())) {
            assertThat(other.prune().layers()).isEmpty();
        }
        assertThat(store.hasLayer(pending.id())).isTrue();

        store.close();
        assertThat(store.prune().layers()).containsExactly(pending.id());
    }

    @Test
    void pruneRemovesStaleTemporariesOfDeadProcesses() throws IOException {
        Path stale = Files.createDirectories(store.paths().tmp().resolve("999999999-1.deadbeef.staging/x"));
        Files.writeString(store.paths().leases().resolve("999999999-1.cafe.lease"), "a".repeat(64));
        Path mine = store.newStagingDir();

        store.prune();

        assertThat(stale.getParent()).doesNotExist();
        assertThat(store.paths().leases().resolve("999999999-1.cafe.lease")).doesNotExist();
        assertThat(mine).exists();
    }

    @Test
    void buildCacheCountsOnlyWhileTheLayerExists() {
        StoredLayer cached = layer(store, Map.of("c", "c"));
        store.recordCache("chain:COPY:etc /etc", cached.id());

        assertThat(store.cachedLayer("chain:COPY:etc /etc")).contains(cached.id());
        assertThat(store.cachedLayer("chain:COPY:other")).isEmpty();
        assertThat(store.paths().cache()).isNotEmptyDirectory();

        store.close();
        store.prune();
        assertThat(store.cachedLayer("chain:COPY:etc /etc")).isEmpty();
        assertThat(store.paths().cache()).isEmptyDirectory();
    }

    @Test
    void saveAndLoadRoundTrip() throws IOException {
        StoredLayer base = layer(store, Map.of("bin/kubeadm", "kubeadm", "etc/hosts", "h"));
        StoredLayer app = layer(store, Map.of("manifests/app.yaml", "kind: Pod"));
        ClusterImage amd = store.commit(image("app:v1", AMD64, base, app));
        ClusterImage arm = store.commit(image("app:v1", ARM64, base));
        Path archive = tmp.resolve("app.tar");
        store.save(archive, List.of("app:v1"));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        store.save(again, List.of("app:v1"));
        assertThat(again.toByteArray()).isEqualTo(Files.readAllBytes(archive));

        try (ImageStore fresh = ImageStore.open(tmp.resolve("fresh"))) {
            List<ClusterImage> loaded = fresh.load(archive);

            assertThat(loaded).containsExactlyInAnyOrder(amd, arm);
            assertThat(fresh.find("app:v1", Optional.of(AMD64))).contains(amd);
            assertThat(fresh.list()).hasSize(2);
            assertThat(Files.readString(fresh.layerPath(app.id()).resolve("manifests/app.yaml")))
                    .isEqualTo("kind: Pod");
            assertThat(ReproducibleTar.digest(fresh.layerPath(base.id())).id()).isEqualTo(base.id());
            assertThat(fresh.load(archive)).hasSize(2);
            assertThat(fresh.list()).hasSize(2);
        }
    }

    @Test
    void aTamperedArchiveIsRejectedAndTheStoreIsUnchanged() throws IOException {
        StoredLayer base = layer(store, Map.of("bin/kubeadm", "genuine-kubeadm"));
        store.commit(image("app:v1", AMD64, base));
        Path archive = tmp.resolve("app.tar");
        store.save(archive, List.of("app:v1"));
        byte[] bytes = Files.readAllBytes(archive);
        int at = indexOf(bytes, "genuine-kubeadm".getBytes(StandardCharsets.US_ASCII));
        assertThat(at).isPositive();
        try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
            file.seek(at);
            file.write("evil!!!".getBytes(StandardCharsets.US_ASCII));
        }

        try (ImageStore fresh = ImageStore.open(tmp.resolve("fresh"))) {
            assertThatThrownBy(() -> fresh.load(archive)).isInstanceOf(LayerDigestMismatchException.class)
                    .hasMessageContaining(base.id());
            assertThat(fresh.list()).isEmpty();
            assertThat(fresh.paths().overlay2()).isEmptyDirectory();
            assertThat(fresh.paths().layerDb()).isEmptyDirectory();
            assertThat(fresh.paths().imageDb()).isEmptyDirectory();
            assertThat(fresh.paths().tmp()).isEmptyDirectory();
        }
    }

    @Test
    void twoThreadsCommittingAtOnce() throws Exception {
        int perThread = 10;
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                Callable<List<String>> job = () -> {
                    try (ImageStore own = ImageStore.open(store.paths().root())) {
                        start.await();
                        List<String> ids = new ArrayList<>();
                        for (int i = 0; i < perThread; i++) {
                            StoredLayer shared = layer(own, Map.of("shared", "same for all"));
                            StoredLayer mine = layer(own, Map.of("f", thread + "-" + i));
                            ids.add(own.commit(image("t" + thread + ":v" + i, AMD64, shared, mine)).id());
                            if (i % 5 == 4) {
                                own.rmi("t" + thread + ":v" + (i - 1), Optional.empty());
                            }
                        }
                        return ids;
                    }
                };
                results.add(pool.submit(job));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get()).hasSize(perThread);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.list()).hasSize(2 * perThread - 2 * 2);
        StoreChecks.assertComplete(store);
    }

    @Test
    void storedMetadataIsCanonicalJsonWithSealerCompatiblePaths() throws IOException {
        StoredLayer base = layer(store, Map.of("f", "1"));
        ClusterImage image = store.commit(image("app:v1", AMD64, base));

        String json = Files.readString(store.paths().imageFile(image.id().substring(7)));
        assertThat(json).doesNotContain("registryCache").doesNotContain("\n")
                .contains("\"args\":{\"a\":\"1\",\"b\":\"2\"}")
                .contains("\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\",\"variant\":\"\"}");
        assertThat(store.paths().index()).content().contains("docker.io/library/app:v1").contains(image.id());
        assertThat(store.paths().root().resolve("data/overlay2").resolve(base.id().substring(7))).isDirectory();
        assertThat(store.paths().root().resolve("metadata/layerdb/sha256").resolve(base.id().substring(7))
                .resolve("size")).hasContent(Long.toString(base.size()));
    }

    @Test
    void ioFailuresNameThePathAndSayWhatHappened() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");

        assertThatThrownBy(() -> ImageStore.open(file.resolve("store"))).isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("opening the image store");
        assertThat(io.sealer.core.internal.io.IoFailures.describe(
                new java.nio.file.FileSystemException("/x", null, "No space left on device"))).startsWith("disk full");
        assertThat(io.sealer.core.internal.io.IoFailures.wrap(Path.of("/y"), "writing",
                new java.nio.file.AccessDeniedException("/y")).getMessage())
                .isEqualTo("/y: writing failed: permission denied (/y)");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
