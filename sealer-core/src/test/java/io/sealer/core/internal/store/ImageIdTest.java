package io.sealer.core.internal.store;

import static io.sealer.core.internal.store.StoreFixtures.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.ImageNotFoundException;
import io.sealer.api.StoreException;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Platform;
import io.sealer.api.image.ImageSummary;
import io.sealer.api.image.RemovalResult;
import io.sealer.core.internal.layer.ReproducibleTar;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image ids: content-addressed, without the name, with a reproducible creation time. */
class ImageIdTest {
    private static final Platform AMD64 = Platform.LINUX_AMD64;
    private static final Instant MONDAY = Instant.parse("2024-03-04T10:00:00Z");
    private static final Instant A_YEAR_LATER = Instant.parse("2025-03-04T17:30:00Z");

    @TempDir
    Path tmp;

    private ImageStore open(String dir, Instant now, Map<String, String> env) {
        return ImageStore.open(tmp.resolve(dir), StoreEnvironment.of(now, env));
    }

    /** An image without a creation time, so the store gives it one. */
    private static ClusterImage unstamped(String name, StoredLayer... layers) {
        ClusterImage image = StoreFixtures.image(name, AMD64, layers);
        return new ClusterImage(image.name(), null, image.platform(), image.layers(), image.config(),
                image.containerImages(), null);
    }

    @Test
    void theSameContentHasTheSameIdInTwoStoresOnDifferentDays() {
        ClusterImage first;
        ClusterImage second;
        try (ImageStore store = open("one", MONDAY, Map.of())) {
            first = store.commit(unstamped("app:v1", layer(store, Map.of("f", "content"))));
            assertThat(store.list()).singleElement().extracting(ImageSummary::created).isEqualTo(MONDAY);
        }
        try (ImageStore store = open("two", A_YEAR_LATER, Map.of())) {
            second = store.commit(unstamped("registry.local/other:v9", layer(store, Map.of("f", "content"))));
            assertThat(store.list()).singleElement().extracting(ImageSummary::created).isEqualTo(A_YEAR_LATER);
        }

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(first.created()).isEqualTo(StoreEnvironment.DEFAULT_CREATION_TIME).isEqualTo(Instant.EPOCH);
    }

    @Test
    void sourceDateEpochSetsTheCreationTimeAndChangesTheIdDeterministically() {
        Map<String, String> epoch = Map.of(StoreEnvironment.SOURCE_DATE_EPOCH, "1700000000");
        String unset;
        String withEpoch;
        try (ImageStore store = open("one", MONDAY, Map.of())) {
            unset = store.commit(unstamped("app:v1", layer(store, Map.of("f", "x")))).id();
        }
        try (ImageStore store = open("two", MONDAY, epoch)) {
            ClusterImage image = store.commit(unstamped("app:v1", layer(store, Map.of("f", "x"))));
            withEpoch = image.id();
            assertThat(image.created()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
            assertThat(store.creationTime()).isEqualTo(image.created());
        }
        try (ImageStore store = open("three", A_YEAR_LATER, epoch)) {
            assertThat(store.commit(unstamped("app:v2", layer(store, Map.of("f", "x")))).id()).isEqualTo(withEpoch);
        }
        assertThat(withEpoch).isNotEqualTo(unset);

        try (ImageStore store = open("four", MONDAY, Map.of(StoreEnvironment.SOURCE_DATE_EPOCH, "yesterday"))) {
            StoredLayer layer = layer(store, Map.of("f", "x"));
            assertThatThrownBy(() -> store.commit(unstamped("app:v1", layer))).isInstanceOf(StoreException.class)
                    .hasMessageContaining("SOURCE_DATE_EPOCH").hasMessageContaining("\"yesterday\"");
            assertThat(store.list()).isEmpty();
        }
        assertThat(StoreEnvironment.of(MONDAY, Map.of(StoreEnvironment.SOURCE_DATE_EPOCH, " ")).creationTime())
                .isEqualTo(Instant.EPOCH);
    }

    @Test
    void twoNamesOfOneImage() throws IOException {
        try (ImageStore store = open("store", MONDAY, Map.of())) {
            StoredLayer content = layer(store, Map.of("bin/tool", "tool"));
            ClusterImage original = store.commit(unstamped("app:v1", content));
            List<ClusterImage> tagged = store.tag("app:v1", "mirror.local/app:latest");

            assertThat(tagged).singleElement().satisfies(t -> {
                assertThat(t.id()).isEqualTo(original.id());
                assertThat(t.name()).isEqualTo("mirror.local/app:latest");
            });
            assertThat(store.list()).extracting(ImageSummary::name, ImageSummary::id).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("docker.io/library/app:v1", original.id()),
                    org.assertj.core.groups.Tuple.tuple("mirror.local/app:latest", original.id()));
            assertThat(store.inspect(original.id())).singleElement().isEqualTo(original);
            assertThat(store.find(original.id().substring(7, 19), Optional.empty())).contains(original);
            assertThat(store.find("mirror.local/app:latest", Optional.empty())).contains(tagged.get(0));

            Path archive = tmp.resolve("both.tar");
            store.save(archive, List.of("app:v1", "mirror.local/app:latest"));
            try (ImageStore fresh = open("fresh", A_YEAR_LATER, Map.of())) {
                assertThat(fresh.load(archive)).extracting(ClusterImage::id).containsOnly(original.id()).hasSize(2);
                assertThat(fresh.list()).extracting(ImageSummary::name).containsExactly("docker.io/library/app:v1",
                        "mirror.local/app:latest");
                assertThat(fresh.list()).extracting(ImageSummary::created).containsOnly(MONDAY);
            }

            RemovalResult untagged = store.rmi("app:v1", Optional.empty());
            assertThat(untagged.images()).isEmpty();
            assertThat(untagged.layers()).isEmpty();
            assertThat(store.resolve("mirror.local/app:latest", Optional.empty()).id()).isEqualTo(original.id());
            assertThat(store.hasLayer(content.id())).isTrue();
            assertThatThrownBy(() -> store.resolve("app:v1", Optional.empty()))
                    .isInstanceOf(ImageNotFoundException.class);

            RemovalResult removed = store.rmi("mirror.local/app:latest", Optional.empty());
            assertThat(removed.images()).containsExactly(original.id());
            assertThat(removed.layers()).containsExactly(content.id());
            assertThat(store.list()).isEmpty();
        }
    }

    @Test
    void metadataWrittenBeforeKeepsItsStoredId() {
        try (ImageStore store = open("store", MONDAY, Map.of())) {
            StoredLayer content = layer(store, Map.of("old", "layer"));
            ClusterImage old = StoreFixtures.image("docker.io/library/old:v1", AMD64, content);
            String oldId = writeOldStyle(store, old);

            assertThat(store.list()).singleElement().satisfies(row -> {
                assertThat(row.id()).isEqualTo(oldId);
                assertThat(row.created()).isEqualTo(old.created());
            });
            ClusterImage read = store.resolve("old:v1", Optional.empty());
            assertThat(read.id()).isEqualTo(oldId);
            assertThat(read.layers()).isEqualTo(old.layers());
            assertThat(store.tag("old:v1", "old:v2")).singleElement().extracting(ClusterImage::id).isEqualTo(oldId);
            store.close();
            assertThat(store.prune().layers()).isEmpty();

            ClusterImage rebuilt = store.commit(old);
            assertThat(rebuilt.id()).isNotEqualTo(oldId);
            assertThat(store.resolve("old:v1", Optional.empty()).id()).isEqualTo(rebuilt.id());
            assertThat(store.resolve("old:v2", Optional.empty()).id()).isEqualTo(oldId);
        }
    }

    @Test
    void anArchiveSavedBeforeLoadsUnderItsStoredIds() throws IOException {
        Path archive = tmp.resolve("old.tar");
        ClusterImage old;
        String oldId;
        try (ImageStore source = open("source", MONDAY, Map.of())) {
            StoredLayer content = layer(source, Map.of("bin/kubeadm", "kubeadm"));
            old = StoreFixtures.image("docker.io/library/old:v1", AMD64, content);
            ImageCodec codec = new ImageCodec();
            oldId = codec.legacyImageId(old);
            ClusterImage withId = new ClusterImage(old.name(), oldId, AMD64, old.layers(), old.config(),
                    old.containerImages(), old.created());
            try (OutputStream out = Files.newOutputStream(archive);
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
                put(tar, "index.json", codec.toJson(List.of(new ImageCodec.ArchiveEntry(old.name(), oldId, AMD64))));
                put(tar, "images/" + oldId.substring(7) + ".json", codec.toJson(withId));
                java.io.ByteArrayOutputStream layerTar = new java.io.ByteArrayOutputStream();
                ReproducibleTar.write(source.layerPath(content.id()), layerTar);
                put(tar, "layers/" + content.id().substring(7) + ".tar", layerTar.toByteArray());
            }
        }

        try (ImageStore fresh = open("fresh", A_YEAR_LATER, Map.of())) {
            assertThat(fresh.load(archive)).singleElement().satisfies(i -> {
                assertThat(i.id()).isEqualTo(oldId);
                assertThat(i.name()).isEqualTo(old.name());
            });
            assertThat(fresh.list()).singleElement().extracting(ImageSummary::id).isEqualTo(oldId);
        }

        byte[] bytes = Files.readAllBytes(archive);
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("docker.io/library/nginx:1.21",
                "docker.io/library/nginx:6.66");
        Files.write(archive, text.getBytes(StandardCharsets.ISO_8859_1));
        try (ImageStore fresh = open("tampered", A_YEAR_LATER, Map.of())) {
            assertThatThrownBy(() -> fresh.load(archive)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("does not hash to its id " + oldId);
            assertThat(fresh.list()).isEmpty();
        }
    }

    /** Writes {@code image} as metadata was written before ids left out the name; returns its (old-style) id. */
    private static String writeOldStyle(ImageStore store, ClusterImage image) {
        ImageCodec codec = new ImageCodec();
        String id = codec.legacyImageId(image);
        ClusterImage withId = new ClusterImage(image.name(), id, image.platform(), image.layers(), image.config(),
                image.containerImages(), image.created());
        try {
            Files.write(store.paths().imageFile(id.substring(7)), codec.toJson(withId));
            Files.write(store.paths().index(), codec.toJson(Map.of(image.name(), List.of(
                    new ImageCodec.IndexEntry(id, image.platform(), image.created(), image.size())))));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return id;
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
