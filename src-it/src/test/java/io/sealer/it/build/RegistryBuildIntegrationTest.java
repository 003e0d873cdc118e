package io.sealer.it.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealer.api.build.BuildRequest;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.cli.SealerCli;
import io.sealer.core.SealerClient;
import io.sealer.core.internal.layer.FollowingDigest;
import io.sealer.core.internal.layer.ReproducibleTar;
import io.sealer.registry.internal.cache.RegistryCache;
import io.sealer.registry.internal.client.OciRegistryClient;
import io.sealer.it.support.LocalRegistry;
import io.sealer.it.support.RegistryExtension;
import io.sealer.it.support.Skopeo;
import io.sealer.it.support.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds a cluster image whose manifests, chart and image list reference container images (through a
 * {@code docker.io} mirror on a real {@code docker-registry}), serves the registry cache layer with a second
 * {@code docker-registry} and checks it with {@code skopeo}; then pushes the image, removes it, pulls it back and
 * compares, and pulls a missing FROM image during a build.
 */
class RegistryBuildIntegrationTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<Platform> TARGETS = List.of(Platform.LINUX_AMD64, Platform.LINUX_ARM64);
    static final List<String> REPOS = List.of("library/web:1", "library/db:2", "library/tool:3");

    @RegisterExtension
    static final RegistryExtension SOURCE = RegistryExtension.withImages()
            .image("web", "1", List.of("linux/amd64", "linux/arm64"), "library/web:1")
            .image("db", "2", List.of("linux/amd64"), "library/db:2")
            .image("tool", "3", List.of("linux/amd64", "linux/arm64/v8", "linux/s390x"), "library/tool:3");

    @TempDir
    Path dir;

    SealerClient client(Path store, List<ProgressEvent> events) {
        return SealerClient.builder().storeRoot(store).listener(events::add)
                .registrySettings(SOURCE.mirrorSettings(dir.resolve("docker/config.json"), "docker.io").build())
                .build();
    }

    /** A context with the image referenced in a manifest, a chart and manifests/imageList. */
    static Path context(Path root) throws IOException {
        write(root.resolve("Kubefile"), "FROM scratch\nCOPY manifests manifests\nCOPY charts charts\n");
        write(root.resolve("manifests/app.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                + "spec:\n  template:\n    spec:\n      containers:\n      - name: web\n"
                + "        image: docker.io/library/web:1\n");
        write(root.resolve("manifests/imageList"), "# extra images\ndocker.io/library/tool:3\n");
        write(root.resolve("charts/db/Chart.yaml"), "apiVersion: v2\nname: db\nversion: 0.1.0\n");
        write(root.resolve("charts/db/values.yaml"), "image: docker.io/library/db:2\n");
        write(root.resolve("charts/db/templates/deploy.yaml"), "apiVersion: apps/v1\nkind: Deployment\n"
                + "metadata:\n  name: db\nspec:\n  template:\n    spec:\n      containers:\n      - name: db\n"
                + "        image: {{ .Values.image }}\n");
        return root;
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    static Layer cacheLayer(ClusterImage image) {
        return image.layers().stream().filter(Layer::isRegistryCache).reduce((a, b) -> b).orElseThrow();
    }

    static String digestOf(byte[] raw) {
        return TestImages.sha256(raw);
    }

    @Test
    void buildCachesEveryImageForEveryPlatformServableByARealRegistry() throws IOException {
        Path store = dir.resolve("store");
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        SealerClient sealer = client(store, events);
        List<ClusterImage> built = sealer.builds().build(BuildRequest.builder(context(dir.resolve("ctx"))).tag("it/app:1")
                .platforms(TARGETS.toArray(Platform[]::new)).build());

        assertThat(built).hasSize(2);
        for (ClusterImage image : built) {
            assertThat(image.containerImages()).containsExactly("docker.io/library/db:2", "docker.io/library/tool:3",
                    "docker.io/library/web:1");
            assertThat(image.layers().get(image.layers().size() - 1).isRegistryCache()).isTrue();
        }
        Layer cache = cacheLayer(built.get(0));
        assertThat(cacheLayer(built.get(1)).id()).as("every platform caches every target platform")
                .isEqualTo(cache.id());
        Layer inspected = cacheLayer(sealer.images().inspect("it/app:1").get(0));
        Path registryDir = store.resolve("data/overlay2").resolve(inspected.hex().orElseThrow()).resolve("registry");
        assertThat(registryDir.resolve("docker/registry/v2/repositories/library/web")).isDirectory();
        assertThat(ReproducibleTar.digest(registryDir.getParent()).id())
                .as("the id computed while the images downloaded is the digest of the stored layer's tar")
                .isEqualTo(cache.id());

        try (LocalRegistry cacheRegistry = LocalRegistry.start(registryDir, dir.resolve("cache-work"))) {
            for (String repoAndTag : REPOS) {
                String repo = repoAndTag.substring(0, repoAndTag.indexOf(':'));
                byte[] original = Skopeo.inspectRaw(SOURCE.host() + "/" + repoAndTag, Optional.empty());
                byte[] cached = Skopeo.inspectRaw(cacheRegistry.host() + "/" + repoAndTag, Optional.empty());
                assertThat(digestOf(cached)).as(repoAndTag).isEqualTo(digestOf(original));
                assertThat(digestOf(Skopeo.inspectRaw(cacheRegistry.host() + "/" + repo + "@" + digestOf(original),
                        Optional.empty()))).isEqualTo(digestOf(original));
                for (JsonNode child : JSON.readTree(cached).path("manifests")) {
                    Platform platform = new Platform(child.at("/platform/os").asText(),
                            child.at("/platform/architecture").asText(), child.at("/platform/variant").asText(""));
                    String ref = cacheRegistry.host() + "/" + repo + "@" + child.path("digest").asText();
                    if (TARGETS.stream().anyMatch(platform::matches)) {
                        assertThat(digestOf(Skopeo.inspectRaw(ref, Optional.empty()))).as(ref)
                                .isEqualTo(child.path("digest").asText());
                    } else {
                        assertThat(Skopeo.tryInspectRaw(ref).exitCode()).as(ref).isNotZero();
                    }
                }
            }
        }

        List<ProgressEvent> again = new CopyOnWriteArrayList<>();
        List<ClusterImage> rebuilt = client(store, again).builds().build(BuildRequest.builder(dir.resolve("ctx"))
                .tag("it/app:1").platforms(TARGETS.toArray(Platform[]::new)).build());
        assertThat(cacheLayer(rebuilt.get(0)).id()).isEqualTo(cache.id());
        assertThat(again).as("a rebuild with the same images downloads nothing")
                .noneMatch(e -> e.operation().kind() == OperationKind.BLOB)
                .anyMatch(e -> e instanceof ProgressEvent.Finished f
                        && f.operation().kind() == OperationKind.REGISTRY_CACHE
                        && f.summary().startsWith("using cached"));
    }

    @Test
    void theCacheLayerIsHashedWhileItsImagesDownload() throws Exception {
        Path layer = Files.createDirectories(dir.resolve("follow/layer"));
        List<ImageReference> images = REPOS.stream().map(r -> ImageReference.parse("docker.io/" + r)).toList();
        FollowingDigest digest = FollowingDigest.of(layer);
        try (OciRegistryClient client = new OciRegistryClient(SOURCE.mirrorSettings(dir.resolve("follow/config.json"),
                "docker.io").build())) {
            new RegistryCache(client, 4, Progress.NONE).write(images, TARGETS, layer, List.of(), digest);
        }
        assertThat(digest.finish()).as("the cache plans and reports every file, so nothing is hashed twice")
                .contains(ReproducibleTar.digest(layer));
    }

    @Test
    void pushRmiPullRestoresTheSameImageThroughTheCli() throws IOException {
        Path store = dir.resolve("store");
        SealerClient sealer = client(store, new CopyOnWriteArrayList<>());
        String name = SOURCE.host() + "/it/pushed:1";
        sealer.builds().build(BuildRequest.builder(context(dir.resolve("ctx"))).tag(name)
                .platforms(TARGETS.toArray(Platform[]::new)).build());
        List<ClusterImage> before = sealer.images().inspect(name);

        assertThat(cli(store, "push", name)).isZero();
        JsonNode index = JSON.readTree(Skopeo.inspectRaw(name, Optional.empty()));
        assertThat(index.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
        assertThat(index.path("manifests")).hasSize(2);
        JsonNode manifest = JSON.readTree(Skopeo.inspectRaw(SOURCE.host() + "/it/pushed@"
                + index.path("manifests").get(0).path("digest").asText(), Optional.empty()));
        assertThat(manifest.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(manifest.path("layers")).isNotEmpty().allMatch(l -> l.path("mediaType").asText()
                .equals("application/vnd.oci.image.layer.v1.tar+gzip"));
        assertThat(manifest.at("/config/mediaType").asText()).isEqualTo("application/vnd.oci.image.config.v1+json");

        assertThat(cli(store, "rmi", name)).isZero();
        assertThat(sealer.images().list()).isEmpty();
        assertThat(cli(store, "pull", name)).isZero();

        List<ClusterImage> after = sealer.images().inspect(name);
        assertThat(after).hasSize(2);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i).layers()).isEqualTo(before.get(i).layers());
            assertThat(after.get(i).config()).isEqualTo(before.get(i).config());
            assertThat(after.get(i).containerImages()).isEqualTo(before.get(i).containerImages());
            assertThat(after.get(i).platform()).isEqualTo(before.get(i).platform());
            assertThat(after.get(i).id()).isEqualTo(before.get(i).id());
        }
        for (Layer layer : after.get(0).layers()) {
            if (layer.id() != null) {
                assertThat(store.resolve("data/overlay2").resolve(layer.hex().orElseThrow())).isDirectory();
            }
        }
        // one platform only, into another store
        Path other = dir.resolve("other");
        assertThat(cli(other, "pull", name, "--platform", "linux/arm64")).isZero();
        assertThat(client(other, new CopyOnWriteArrayList<>()).images().list()).singleElement()
                .satisfies(row -> assertThat(row.platform()).isEqualTo(Platform.LINUX_ARM64));
    }

    @Test
    void fromPullsAMissingBaseAndCachesOnlyImagesTheBaseLacks() throws IOException {
        Path store = dir.resolve("store");
        SealerClient sealer = client(store, new CopyOnWriteArrayList<>());
        String base = SOURCE.host() + "/it/base:1";
        Path baseCtx = dir.resolve("base");
        write(baseCtx.resolve("Kubefile"), "FROM scratch\nCOPY manifests manifests\n");
        write(baseCtx.resolve("manifests/imageList"), "docker.io/library/web:1\n");
        sealer.builds().build(BuildRequest.builder(baseCtx).tag(base).platforms(Platform.LINUX_AMD64)
                .build());
        sealer.registry().push(base);
        sealer.images().remove(base);
        assertThat(sealer.images().list()).isEmpty();

        Path childCtx = dir.resolve("child");
        write(childCtx.resolve("Kubefile"), "FROM " + base + "\nCOPY manifests manifests\n");
        write(childCtx.resolve("manifests/imageList"), "docker.io/library/web:1\ndocker.io/library/tool:3\n");
        ClusterImage child = sealer.builds().build(BuildRequest.builder(childCtx).tag("it/child:1")
                .platforms(Platform.LINUX_AMD64).build()).get(0);

        assertThat(sealer.images().find(base, Platform.LINUX_AMD64)).as("the base was pulled into the store").isPresent();
        assertThat(child.containerImages()).containsExactly("docker.io/library/tool:3", "docker.io/library/web:1");
        List<Layer> caches = child.layers().stream().filter(Layer::isRegistryCache).toList();
        assertThat(caches).hasSize(2);
        Path newCache = store.resolve("data/overlay2").resolve(caches.get(1).hex().orElseThrow())
                .resolve("registry/docker/registry/v2/repositories");
        assertThat(newCache.resolve("library/tool")).isDirectory();
        assertThat(newCache.resolve("library/web")).as("already in the base's cache layer").doesNotExist();
    }

    int cli(Path store, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new java.util.ArrayList<>(List.of("--root", store.toString(), "--config",
                dir.resolve("docker").toString()));
        argv.addAll(List.of(args));
        int code = new SealerCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), dir)
                .run(argv.toArray(String[]::new));
        assertThat(err.toString(StandardCharsets.UTF_8)).as("stderr of sealer " + String.join(" ", args))
                .doesNotContain("Exception");
        return code;
    }
}
