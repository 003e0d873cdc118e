package io.sealer.registry.internal.source;

import static io.sealer.registry.internal.source.Fixtures.image;
import static io.sealer.registry.internal.source.Fixtures.index;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealer.registry.internal.ReadOnlyTestClient;
import io.sealer.api.ImageNotFoundException;
import io.sealer.api.RegistryException;
import io.sealer.api.event.Progress;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import io.sealer.api.spi.RegistryManifest;
import io.sealer.registry.internal.cache.CacheResult;
import io.sealer.registry.internal.cache.RegistryCache;
import io.sealer.registry.internal.client.Attempt;
import io.sealer.registry.internal.client.LookupClient;
import io.sealer.registry.internal.client.ManifestLookup;
import io.sealer.registry.internal.manifest.Digests;
import io.sealer.registry.internal.manifest.MediaTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcedRegistryClientTest {
    @TempDir
    Path dir;

    /** Stands for mirrors and registries: records what reached it and answers "not found" at one mirror. */
    static class Behind extends ReadOnlyTestClient implements LookupClient {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public ManifestLookup lookupManifest(ImageReference reference) {
            calls.add("manifest " + reference);
            return new ManifestLookup(reference.toString(), Optional.empty(), List.of(
                    Attempt.notFound("mirror http://127.0.0.1:5000"),
                    Attempt.failed("registry-1.docker.io", "connection refused", 0, null)));
        }

        @Override
        public boolean blobExists(ImageReference repository, String digest) {
            calls.add("exists " + digest);
            return false;
        }

        @Override
        public void fetchBlob(ImageReference repository, String digest, long size, Path target, Progress progress) {
            calls.add("blob " + digest);
            throw new RegistryException(repository.toString(), "fetching blob " + digest + " failed: unreachable",
                    null);
        }
    }

    private final Behind behind = new Behind();

    private SourcedRegistryClient client(Path... sources) {
        return new SourcedRegistryClient(List.of(sources), behind);
    }

    private static ImageReference ref(String text) {
        return ImageReference.parse(text);
    }

    private byte[] fetch(SourcedRegistryClient client, String image, Fixtures.Blob blob) throws IOException {
        Path target = dir.resolve("fetched").resolve(blob.hex());
        client.fetchBlob(ref(image), blob.digest(), blob.bytes().length, target, Progress.NONE);
        return Files.readAllBytes(target);
    }

    @Test
    void ociLayoutServesFullAndBareRefNamesWithTheLayoutsOwnBytes() throws IOException {
        Fixtures.Index web = index("web", "linux/amd64", "linux/arm64");
        Fixtures.Image tool = image("tool", "linux/amd64");
        Path layout = Fixtures.ociLayout(dir.resolve("tool"), new LinkedHashMap<>(Map.of(
                "docker.io/library/web:1", web, "v2", tool)));
        SourcedRegistryClient client = client(layout);

        RegistryManifest top = client.fetchManifest(ref("web:1")).orElseThrow();
        assertThat(top.digest()).isEqualTo(web.index().digest());
        assertThat(top.content()).isEqualTo(web.index().bytes());
        assertThat(top.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        Fixtures.Image arm = web.images().get(1);
        RegistryManifest child = client.fetchManifest(ref("web:1").withDigest(arm.manifest().digest()))
                .orElseThrow();
        assertThat(child.content()).isEqualTo(arm.manifest().bytes());
        assertThat(child.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(fetch(client, "web:1", arm.layer())).isEqualTo(arm.layer().bytes());
        assertThat(client.blobExists(ref("web:1"), arm.config().digest())).isTrue();

        // a bare tag serves the image named like the layout directory, whatever its registry
        assertThat(client.fetchManifest(ref("quay.io/team/tool:v2")).orElseThrow().digest())
                .isEqualTo(tool.manifest().digest());
        assertThat(client.lookupManifest(ref("web:2")).manifest()).isEmpty();
        assertThat(behind.calls).containsExactly("manifest docker.io/library/web:2");

        // resolving a tag the layout has asks nothing behind it
        behind.calls.clear();
        assertThat(client.resolveDigest(ref("web:1"))).contains(web.index().digest());
        assertThat(behind.calls).isEmpty();
    }

    @Test
    void aBareTagNeverServesAnImageByItsTagAlone() {
        Fixtures.Image only = image("only", "linux/amd64");
        Path layout = Fixtures.ociLayout(dir.resolve("images"), Map.of("v1", only));
        ManifestLookup lookup = client(layout).lookupManifest(ref("ghcr.io/a/kyverno:v1"));
        assertThat(lookup.manifest()).isEmpty();
        assertThat(lookup.attempts().get(0).describe()).isEqualTo("not found in image source " + layout
                + " (OCI layout; its bare tag 'v1' serves only images named images)");
        assertThat(client(layout).lookupManifest(ref("ghcr.io/a/kyverno:v2")).attempts().get(0).describe())
                .isEqualTo("not found in image source " + layout + " (OCI layout)");
    }

    @Test
    void aNameWithoutRegistryServingTwoRepositoriesIsAnError() {
        Fixtures.Image kyverno = image("kyverno", "linux/amd64");
        Path layout = Fixtures.ociLayout(dir.resolve("kyverno"), Map.of("v1", kyverno));
        SourcedRegistryClient client = client(layout);
        assertThat(client.fetchManifest(ref("ghcr.io/a/kyverno:v1")).orElseThrow().digest())
                .isEqualTo(kyverno.manifest().digest());
        assertThat(client.fetchManifest(ref("ghcr.io/a/kyverno:v1"))).as("the same image again").isPresent();
        assertThatThrownBy(() -> client.fetchManifest(ref("quay.io/b/kyverno:v1")))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("image source " + layout + " (OCI layout)")
                .hasMessageContaining("bare tag 'v1' would serve both ghcr.io/a/kyverno and quay.io/b/kyverno");
        assertThat(behind.calls).isEmpty();
    }

    @Test
    void aFullNameInALaterSourceWinsOverABareTagInAnEarlierOne() {
        Fixtures.Image bare = image("bare", "linux/amd64");
        Fixtures.Image named = image("named", "linux/amd64");
        Path first = Fixtures.ociLayout(dir.resolve("app"), Map.of("1.0", bare));
        Path second = Fixtures.ociLayout(dir.resolve("second"), Map.of("example.com/app:1.0", named));
        assertThat(client(first, second).fetchManifest(ref("example.com/app:1.0")).orElseThrow().digest())
                .isEqualTo(named.manifest().digest());
        assertThat(client(first, second).fetchManifest(ref("quay.io/team/app:1.0")).orElseThrow().digest())
                .isEqualTo(bare.manifest().digest());
    }

    @Test
    void dockerSaveTarballGetsADeterministicManifestOverItsConfigAndLayers() throws IOException {
        Fixtures.Image nginx = image("nginx", "linux/amd64");
        Fixtures.Image alias = nginx; // the same content under a second name: its layer is a symbolic link
        Map<List<String>, Fixtures.Image> content = new LinkedHashMap<>();
        content.put(List.of("nginx:1.25", "registry.local/nginx:1.25"), nginx);
        content.put(List.of("docker.io/library/alias:1"), alias);
        Path tarball = Fixtures.dockerSave(dir.resolve("nginx.tar"), content, false);
        String expected = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{"
                + "\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + nginx.config().digest()
                + "\",\"size\":" + nginx.config().bytes().length + "},\"layers\":[{\"mediaType\":\""
                + MediaTypes.OCI_LAYER_TAR + "\",\"digest\":\"" + nginx.layerTar().digest() + "\",\"size\":"
                + nginx.layerTar().bytes().length + "}]}";

        SourcedRegistryClient client = client(tarball);
        RegistryManifest manifest = client.fetchManifest(ref("docker.io/library/nginx:1.25")).orElseThrow();
        assertThat(new String(manifest.content(), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(manifest.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(client.fetchManifest(ref("registry.local/nginx:1.25")).orElseThrow().digest())
                .isEqualTo(manifest.digest());
        assertThat(client.fetchManifest(ref("alias:1")).orElseThrow().digest()).isEqualTo(manifest.digest());
        assertThat(client.fetchManifest(ref("nginx@" + manifest.digest()))).isPresent();
        assertThat(fetch(client, "nginx:1.25", nginx.layerTar())).isEqualTo(nginx.layerTar().bytes());
        assertThat(fetch(client, "nginx:1.25", nginx.config())).isEqualTo(nginx.config().bytes());
        assertThat(client(tarball).fetchManifest(ref("nginx:1.25")).orElseThrow().digest())
                .as("indexing the tarball again gives the same manifest").isEqualTo(manifest.digest());
        assertThat(behind.calls).isEmpty();
    }

    @Test
    void compressedDockerSaveTarballIsStreamed() throws IOException {
        Fixtures.Image app = image("app", "linux/arm64");
        Path tarball = Fixtures.dockerSave(dir.resolve("app.tar.gz"), Map.of(List.of("team/app:3"), app), true);
        SourcedRegistryClient client = client(tarball);
        RegistryManifest manifest = client.fetchManifest(ref("team/app:3")).orElseThrow();
        assertThat(Fixtures.JSON.readTree(manifest.content()).at("/layers/0/digest").asText())
                .isEqualTo(app.layerTar().digest());
        assertThat(fetch(client, "team/app:3", app.layerTar())).isEqualTo(app.layerTar().bytes());
        assertThatThrownBy(() -> client.fetchManifest(ref("other:1"))).isInstanceOf(RegistryException.class);
        assertThat(Attempt.describe(client.lookupManifest(ref("other:1")).attempts()))
                .startsWith("not found in image source " + tarball + " (compressed docker save tarball)");
    }

    @Test
    void docker25TarballKeepsTheManifestOfItsOciLayout() throws IOException {
        Fixtures.Image app = image("app", "linux/amd64");
        Path tarball = Fixtures.dockerSave25(dir.resolve("app.tar"), "docker.io/team/app:2", app);
        SourcedRegistryClient client = client(tarball);
        RegistryManifest manifest = client.fetchManifest(ref("team/app:2")).orElseThrow();
        assertThat(manifest.digest()).isEqualTo(app.manifest().digest());
        assertThat(manifest.content()).isEqualTo(app.manifest().bytes());
        assertThat(fetch(client, "team/app:2", app.layer())).isEqualTo(app.layer().bytes());
        assertThat(client.lookupManifest(ref("nope:1")).describe()).startsWith("not found in image source "
                + tarball + " (docker save tarball)");
    }

    @Test
    void ociArchiveTarballIsReadLikeALayoutWithItsFileNameForBareTags() throws IOException {
        Fixtures.Image kyverno = image("kyverno", "linux/amd64");
        Path tarball = dir.resolve("kyverno.tar");
        Fixtures.writeTar(tarball, Fixtures.ociLayoutFiles(Map.of("v1.5.1", kyverno), OciLayoutReader.REF_NAME),
                Map.of(), false);
        SourcedRegistryClient client = client(tarball);
        assertThat(client.fetchManifest(ref("ghcr.io/kyverno/kyverno:v1.5.1")).orElseThrow().content())
                .isEqualTo(kyverno.manifest().bytes());
        assertThat(fetch(client, "ghcr.io/kyverno/kyverno:v1.5.1", kyverno.layer())).isEqualTo(kyverno.layer().bytes());
        assertThat(client.lookupManifest(ref("ghcr.io/kyverno/other:v1.5.1")).attempts().get(0).describe())
                .isEqualTo("not found in image source " + tarball + " (OCI archive; its bare tag 'v1.5.1' serves only "
                        + "images named kyverno)");
    }

    @Test
    void skopeoSyncTreesAreFoundByLastComponentOrByFullNameWhenScoped() throws IOException {
        Fixtures.Index web = index("web", "linux/amd64", "linux/arm64");
        Fixtures.Image tool = image("tool", "linux/amd64");
        Path tree = dir.resolve("sync");
        Fixtures.skopeoDir(tree.resolve("web:1"), web);
        Fixtures.skopeoDir(tree.resolve("127.0.0.1:5000/app/tool:2"), tool);
        Files.createDirectories(tree.resolve("untagged"));
        SourcedRegistryClient client = client(tree);

        RegistryManifest top = client.fetchManifest(ref("docker.io/library/web:1")).orElseThrow();
        assertThat(top.content()).isEqualTo(web.index().bytes());
        assertThat(top.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        Fixtures.Image amd = web.images().get(0);
        assertThat(client.fetchManifest(ref("web@" + amd.manifest().digest())).orElseThrow().content())
                .isEqualTo(amd.manifest().bytes());
        assertThat(fetch(client, "web:1", amd.layer())).isEqualTo(amd.layer().bytes());
        assertThat(client.fetchManifest(ref("127.0.0.1:5000/app/tool:2")).orElseThrow().digest())
                .isEqualTo(tool.manifest().digest());
        assertThat(client.lookupManifest(ref("quay.io/app/tool:2")).manifest())
                .as("scoped names keep their registry").isEmpty();
        assertThat(client.lookupManifest(ref("web:2")).manifest()).isEmpty();

        Path single = Fixtures.skopeoDir(dir.resolve("copy/tool:2"), tool);
        assertThat(client(single).fetchManifest(ref("team/tool:2")).orElseThrow().digest())
                .isEqualTo(tool.manifest().digest());
    }

    @Test
    void aMissingImageNamesEverySourceAndWhatEachAnswered() {
        Path layout = Fixtures.ociLayout(dir.resolve("images"), Map.of("docker.io/library/web:1", image("w",
                "linux/amd64")));
        Path tree = dir.resolve("sync");
        Fixtures.skopeoDir(tree.resolve("tool:1"), image("t", "linux/amd64"));
        SourcedRegistryClient client = client(layout, tree);

        ManifestLookup lookup = client.lookupManifest(ref("nginx:1.25"));
        assertThat(lookup.manifest()).isEmpty();
        assertThat(lookup.describe()).isEqualTo("not found in image source " + layout + " (OCI layout), not found in "
                + "image source " + tree + " (skopeo dir tree), not found at mirror http://127.0.0.1:5000, "
                + "registry-1.docker.io: connection refused");
        assertThatThrownBy(() -> client.fetchManifest(ref("nginx:1.25")))
                .isInstanceOf(RegistryException.class)
                .hasMessage("docker.io/library/nginx:1.25: " + lookup.describe());
        ManifestLookup notFound = new ManifestLookup("x", Optional.empty(), lookup.attempts().subList(0, 3));
        assertThatThrownBy(notFound::require).isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining(layout.toString()).hasMessageContaining(tree.toString());
    }

    @Test
    void brokenSourcesFailNamingThem() throws IOException {
        Path missing = dir.resolve("nowhere");
        assertThatThrownBy(() -> client(missing).fetchManifest(ref("a:1")))
                .isInstanceOf(RegistryException.class)
                .hasMessage(missing + ": image source not found: no such file or directory");
        Path notATar = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> client(notATar).fetchManifest(ref("a:1")))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining(notATar + ": cannot read image source");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> client(empty).fetchManifest(ref("a:1")))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("holds no images");
        assertThat(behind.calls).isEmpty();
    }

    @Test
    void corruptBlobInASourceFailsNamingSourceAndBlobAndLeavesNothing() throws IOException {
        Fixtures.Image app = image("app", "linux/amd64");
        Path layout = Fixtures.ociLayout(dir.resolve("app"), Map.of("1", app));
        Files.write(layout.resolve("blobs/sha256/" + app.layer().hex()), "tampered".getBytes(StandardCharsets.UTF_8));
        SourcedRegistryClient client = client(layout);
        assertThatThrownBy(() -> fetch(client, "app:1", app.layer()))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("image source " + layout + " (OCI layout)")
                .hasMessageContaining("blob " + app.layer().digest() + " is corrupt");
        try (Stream<Path> files = Files.walk(dir.resolve("fetched"))) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
        Files.write(layout.resolve("blobs/sha256/" + app.manifest().hex()), "{}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> client(layout).fetchManifest(ref("app:1")))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("manifest " + app.manifest().digest() + " is corrupt");
    }

    @Test
    void registryCacheWritesTheSourcesManifestsAndBlobsWithoutTheNetwork() throws IOException {
        Fixtures.Index web = index("web", "linux/amd64", "linux/arm64", "linux/s390x");
        Fixtures.Image db = image("db", "linux/amd64");
        Path layout = Fixtures.ociLayout(dir.resolve("web"), Map.of("1", web));
        Path tarball = Fixtures.dockerSave(dir.resolve("db.tar"), Map.of(List.of("db:2"), db), false);
        SourcedRegistryClient client = client(layout, tarball);
        Path layer = dir.resolve("layer");
        CacheResult result = new RegistryCache(client, 2, Progress.NONE).write(List.of(ref("web:1"), ref("db:2")),
                List.of(Platform.LINUX_AMD64, Platform.LINUX_ARM64), layer, List.of());

        assertThat(result.written()).hasSize(2);
        Path v2 = RegistryCache.storageDirectory(layer);
        assertThat(Files.readString(v2.resolve("repositories/library/web/_manifests/tags/1/current/link")))
                .isEqualTo(web.index().digest());
        String dbDigest = client.fetchManifest(ref("db:2")).orElseThrow().digest();
        assertThat(Files.readString(v2.resolve("repositories/library/db/_manifests/tags/2/current/link")))
                .isEqualTo(dbDigest);
        List<String> blobs = new ArrayList<>();
        for (Fixtures.Image image : web.images().subList(0, 2)) {
            image.blobs().forEach(b -> blobs.add(b.hex()));
        }
        blobs.add(db.layerTar().hex());
        blobs.add(db.config().hex());
        for (String hex : blobs) {
            assertThat(v2.resolve("blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data")).isRegularFile();
        }
        String s390 = web.images().get(2).layer().hex();
        assertThat(v2.resolve("blobs/sha256/" + s390.substring(0, 2) + "/" + s390)).doesNotExist();
        assertThat(behind.calls).isEmpty();
    }

    @Test
    void missingImageInTheCacheIsImageNotFoundNamingEverySource() {
        Path layout = Fixtures.ociLayout(dir.resolve("web"), Map.of("1", image("web", "linux/amd64")));
        LookupClient quiet = new Behind() {
            @Override
            public ManifestLookup lookupManifest(ImageReference reference) {
                return new ManifestLookup(reference.toString(), Optional.empty(),
                        List.of(Attempt.notFound("mirror http://127.0.0.1:5000"),
                                Attempt.skipped("registry-1.docker.io", "mirror fallback is off")));
            }
        };
        SourcedRegistryClient client = new SourcedRegistryClient(List.of(layout), quiet);
        assertThatThrownBy(() -> new RegistryCache(client, 2, Progress.NONE).write(List.of(ref("nginx:1.25")),
                List.of(Platform.LINUX_AMD64), dir.resolve("layer"), List.of()))
                .isInstanceOf(ImageNotFoundException.class)
                .hasMessage("docker.io/library/nginx:1.25: not found in image source " + layout + " (OCI layout), "
                        + "not found at mirror http://127.0.0.1:5000, registry-1.docker.io not asked (mirror fallback "
                        + "is off)");
    }

    @Test
    void digestsOfLayoutEntriesAreStable() throws IOException {
        // the fixtures are deterministic, so the assertions above are about content, not luck
        assertThat(image("x", "linux/amd64").manifest().digest()).isEqualTo(image("x", "linux/amd64").manifest()
                .digest());
        JsonNode index = Fixtures.JSON.readTree(index("x", "linux/amd64").index().bytes());
        assertThat(index.path("manifests")).hasSize(1);
        assertThat(Digests.isSha256(index.at("/manifests/0/digest").asText())).isTrue();
    }
}
