package io.sealer.it.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealer.api.ImageNotFoundException;
import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.RegistryException;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import io.sealer.api.spi.RegistryClient;
import io.sealer.api.spi.RegistryClientProvider;
import io.sealer.api.registry.RegistryCredentials;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.it.support.CorruptingProxy;
import io.sealer.it.support.LocalRegistry;
import io.sealer.it.support.RegistryExtension;
import io.sealer.it.support.Skopeo;
import io.sealer.it.support.TestImages;
import io.sealer.registry.internal.cache.CacheResult;
import io.sealer.registry.internal.cache.RegistryCache;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Caches images from a real {@code docker-registry} into a layer directory, then serves that directory with a second
 * {@code docker-registry} and checks with {@code skopeo} that every image answers with the source's digests.
 */
class RegistryCacheIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Platform> TARGETS = List.of(Platform.LINUX_AMD64, Platform.parse("linux/arm64"));

    @RegisterExtension
    static final RegistryExtension SOURCE = RegistryExtension.withImages()
            .image("alpine", "3", List.of("linux/amd64", "linux/arm64/v8"), "library/alpine:3")
            .image("busybox", "1", List.of("linux/amd64", "linux/arm64", "linux/s390x"), "library/busybox:1")
            .image("kyverno", "v1", List.of("linux/amd64"), "kyverno/kyverno:v1")
            .image("tool", "2", List.of("linux/amd64", "linux/arm64"), "example/tool:2");

    @TempDir
    Path dir;

    private static RegistrySettings settings(Map<String, List<URI>> mirrors, Map<String, RegistryCredentials> creds,
            Optional<Path> dockerConfig) {
        RegistrySettings.Builder builder = RegistrySettings.builder().mirrors(mirrors).dockerConfig(dockerConfig)
                .maxRetries(1).maxParallelBlobs(8);
        creds.forEach(builder::credentials);
        return builder.build();
    }

    private static RegistryClient client(RegistrySettings settings) {
        RegistryClientProvider provider = ServiceLoader.load(RegistryClientProvider.class).findFirst().orElseThrow();
        return provider.create(settings);
    }

    private static String digestOf(byte[] raw) {
        return TestImages.sha256(raw);
    }

    @Test
    void cachedImagesAreServedByARealRegistryWithTheSourceDigests() throws IOException {
        URI mirror = SOURCE.uri();
        RegistrySettings settings = settings(Map.of("docker.io", List.of(mirror), "ghcr.io", List.of(mirror),
                "quay.io", List.of(mirror)), Map.of(), Optional.of(dir.resolve("no-config.json")));
        Path layer = dir.resolve("layer");
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        List<ImageReference> images = Stream.of("alpine:3", "docker.io/library/busybox:1", "ghcr.io/kyverno/kyverno:v1",
                "quay.io/example/tool:2").map(ImageReference::parse).toList();

        CacheResult result;
        try (RegistryClient client = client(settings)) {
            result = new RegistryCache(client, settings.maxParallelBlobs(), Progress.to(events::add))
                    .write(images, TARGETS, layer, List.of());
        }
        assertThat(result.written()).hasSize(4);
        assertThat(events).anyMatch(e -> e instanceof ProgressEvent.Progressed p && p.done() > 0);
        assertThat(Path.of(layer + "/registry/docker/registry/v2/repositories/library/alpine/_manifests/tags/3"
                + "/current/link")).exists();

        try (LocalRegistry cache = LocalRegistry.start(layer.resolve("registry"), dir.resolve("cache-work"))) {
            for (String repoAndTag : List.of("library/alpine:3", "library/busybox:1", "kyverno/kyverno:v1",
                    "example/tool:2")) {
                byte[] original = Skopeo.inspectRaw(SOURCE.host() + "/" + repoAndTag, Optional.empty());
                byte[] cached = Skopeo.inspectRaw(cache.host() + "/" + repoAndTag, Optional.empty());
                assertThat(digestOf(cached)).as(repoAndTag).isEqualTo(digestOf(original));
                String repo = repoAndTag.substring(0, repoAndTag.indexOf(':'));
                assertThat(digestOf(Skopeo.inspectRaw(cache.host() + "/" + repo + "@" + digestOf(original),
                        Optional.empty()))).isEqualTo(digestOf(original));
                JsonNode top = JSON.readTree(cached);
                for (JsonNode child : top.path("manifests")) {
                    Platform platform = new Platform(child.at("/platform/os").asText(),
                            child.at("/platform/architecture").asText(), child.at("/platform/variant").asText(""));
                    String ref = cache.host() + "/" + repo + "@" + child.path("digest").asText();
                    if (TARGETS.stream().anyMatch(platform::matches)) {
                        assertThat(digestOf(Skopeo.inspectRaw(ref, Optional.empty()))).as(ref)
                                .isEqualTo(child.path("digest").asText());
                    } else {
                        assertThat(Skopeo.tryInspectRaw(ref).exitCode()).as(ref).isNotZero();
                    }
                }
            }
            Skopeo.copyAllToLayout(cache.host() + "/library/alpine:3", dir.resolve("alpine-copy"));
            Skopeo.copyAllToLayout(cache.host() + "/kyverno/kyverno:v1", dir.resolve("kyverno-copy"));
        }
        assertThat(dir.resolve("alpine-copy/index.json")).exists();
    }

    @Test
    void corruptBlobFailsNamingItAndLeavesNoCompleteLookingImage() throws IOException {
        JsonNode index = JSON.readTree(Skopeo.inspectRaw(SOURCE.host() + "/example/tool:2", Optional.empty()));
        String amd = index.path("manifests").get(0).path("digest").asText();
        JsonNode manifest = JSON.readTree(Skopeo.inspectRaw(SOURCE.host() + "/example/tool@" + amd,
                Optional.empty()));
        String victim = manifest.path("layers").get(1).path("digest").asText();
        Path layer = dir.resolve("layer");
        try (CorruptingProxy proxy = new CorruptingProxy(SOURCE.uri(), victim);
                RegistryClient client = client(settings(Map.of(), Map.of(), Optional.of(dir.resolve("none"))))) {
            ImageReference image = ImageReference.parse(proxy.host() + "/example/tool:2");
            assertThatThrownBy(() -> new RegistryCache(client, 4, Progress.NONE)
                    .write(List.of(image), TARGETS, layer, List.of()))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining(victim)
                    .hasMessageContaining(proxy.host() + "/example/tool:2");
        }
        Path v2 = layer.resolve("registry/docker/registry/v2");
        assertThat(v2.resolve("repositories/example/tool/_manifests/tags")).doesNotExist();
        assertThat(v2.resolve("blobs/sha256/" + victim.substring(7, 9) + "/" + victim.substring(7))).doesNotExist();
        try (Stream<Path> files = Files.walk(layer)) {
            assertThat(files.map(Path::getFileName).map(Path::toString))
                    .noneMatch(n -> n.endsWith(".partial") || n.startsWith(".partial"));
        }
    }

    @Test
    void nonexistentImageFailsNamingIt() {
        Path layer = dir.resolve("layer");
        ImageReference missing = ImageReference.parse(SOURCE.host() + "/nope/missing:1");
        try (RegistryClient client = client(settings(Map.of(), Map.of(), Optional.of(dir.resolve("none"))))) {
            assertThatThrownBy(() -> new RegistryCache(client, 2, Progress.NONE)
                    .write(List.of(missing), TARGETS, layer, List.of()))
                    .isInstanceOf(ImageNotFoundException.class)
                    .hasMessageContaining(SOURCE.host() + "/nope/missing:1");
        }
    }

    @Test
    void basicAuthRegistryWithSdkOrDockerConfigCredentials() throws IOException {
        try (LocalRegistry secured = LocalRegistry.startWithAuth(dir.resolve("auth-root"), dir.resolve("auth-work"),
                "alice", "wonderland-pw")) {
            Path layout = TestImages.create(dir.resolve("layout"), "private", "1", List.of("linux/amd64"));
            TestImages.push(layout, "1", secured.host() + "/team/private:1", Optional.of("alice:wonderland-pw"));
            ImageReference image = ImageReference.parse(secured.host() + "/team/private:1");
            String expected = digestOf(Skopeo.inspectRaw(secured.host() + "/team/private:1",
                    Optional.of("alice:wonderland-pw")));

            try (RegistryClient anonymous = client(settings(Map.of(), Map.of(),
                    Optional.of(dir.resolve("none"))))) {
                assertThatThrownBy(() -> new RegistryCache(anonymous, 2, Progress.NONE)
                        .write(List.of(image), TARGETS, dir.resolve("l0"), List.of()))
                        .isInstanceOf(RegistryException.class)
                        .hasMessageContaining("401")
                        .hasMessageContaining(secured.host() + "/team/private:1");
            }
            try (RegistryClient wrong = client(settings(Map.of(), Map.of(secured.host(),
                    new RegistryCredentials("alice", "not-the-pw-42")), Optional.of(dir.resolve("none"))))) {
                assertThatThrownBy(() -> new RegistryCache(wrong, 2, Progress.NONE)
                        .write(List.of(image), TARGETS, dir.resolve("l1"), List.of()))
                        .isInstanceOf(RegistryException.class)
                        .satisfies(e -> assertThat(e.toString()).doesNotContain("not-the-pw-42"));
            }
            try (RegistryClient sdk = client(settings(Map.of(), Map.of(secured.host(),
                    new RegistryCredentials("alice", "wonderland-pw")), Optional.of(dir.resolve("none"))))) {
                new RegistryCache(sdk, 2, Progress.NONE).write(List.of(image), TARGETS, dir.resolve("l2"), List.of());
            }
            Path config = Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"" + secured.host()
                    + "\":{\"auth\":\"" + Base64.getEncoder().encodeToString("alice:wonderland-pw"
                    .getBytes(StandardCharsets.UTF_8)) + "\"}}}");
            try (RegistryClient fromConfig = client(settings(Map.of(), Map.of(), Optional.of(config)))) {
                new RegistryCache(fromConfig, 2, Progress.NONE).write(List.of(image), TARGETS, dir.resolve("l3"),
                        List.of());
            }
            for (String l : List.of("l2", "l3")) {
                Path link = dir.resolve(l).resolve(
                        "registry/docker/registry/v2/repositories/team/private/_manifests/tags/1/current/link");
                assertThat(Files.readString(link)).isEqualTo(expected);
            }
        }
    }

    @Test
    void secondCacheOverABaseLayerSkipsImagesAlreadyThere() {
        RegistrySettings settings = settings(Map.of("docker.io", List.of(SOURCE.uri())), Map.of(),
                Optional.of(dir.resolve("none")));
        Path base = dir.resolve("base");
        Path top = dir.resolve("top");
        try (RegistryClient client = client(settings)) {
            new RegistryCache(client, 8, Progress.NONE).write(List.of(ImageReference.parse("alpine:3")), TARGETS, base,
                    List.of());
            List<ProgressEvent> events = new ArrayList<>();
            CacheResult result = new RegistryCache(client, 8, Progress.to(events::add)).write(
                    List.of(ImageReference.parse("alpine:3"), ImageReference.parse("busybox:1")), TARGETS, top,
                    List.of(base.resolve("registry")));
            assertThat(result.skipped()).containsExactly(ImageReference.parse("alpine:3"));
            assertThat(result.written()).containsExactly(ImageReference.parse("busybox:1"));
        }
        assertThat(top.resolve("registry/docker/registry/v2/repositories/library/alpine")).doesNotExist();
    }
}
