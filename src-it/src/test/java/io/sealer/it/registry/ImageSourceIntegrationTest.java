package io.sealer.it.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealer.api.BuildException;
import io.sealer.api.ImageNotFoundException;
import io.sealer.api.build.BuildRequest;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.cli.SealerCli;
import io.sealer.core.SealerClient;
import io.sealer.it.support.LocalRegistry;
import io.sealer.it.support.Processes;
import io.sealer.it.support.RegistryExtension;
import io.sealer.it.support.Skopeo;
import io.sealer.it.support.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Air-gapped builds from image sources that real {@code skopeo} writes from a test registry: an OCI layout
 * ({@code oci:DIR:REF}, a bare tag and a full reference), a {@code docker-archive} tarball and a
 * {@code skopeo sync --dest dir} tree. The images' registry does not answer (a closed port on 127.0.0.1), so
 * everything must come from the sources; a second {@code docker-registry} serves the built cache layer and
 * {@code skopeo} compares what it serves with the source files.
 */
class ImageSourceIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TARGETS = List.of("linux/amd64", "linux/arm64");

    @RegisterExtension
    static final RegistryExtension SOURCE = RegistryExtension.withImages()
            .image("web", "1", TARGETS, "library/web:1")
            .image("tool", "3", TARGETS, "team/tool:3")
            .image("db", "2", List.of("linux/amd64"), "library/db:2")
            .image("api", "4", TARGETS, "library/api:4");

    /** The images' registry: nothing listens there. */
    static String offline;
    @TempDir
    static Path sources;
    static Path layout;
    static Path namedLayout;
    static Path archive;
    static Path tree;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeSourcesWithSkopeo() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            offline = "127.0.0.1:" + socket.getLocalPort();
        }
        String from = "docker://" + SOURCE.host();
        layout = sources.resolve("web");
        skopeo("copy", "--all", "--src-tls-verify=false", from + "/library/web:1", "oci:" + layout + ":1");
        namedLayout = sources.resolve("images");
        skopeo("copy", "--all", "--src-tls-verify=false", from + "/team/tool:3",
                "oci:" + namedLayout + ":" + offline + "/team/tool:3");
        archive = sources.resolve("db.tar");
        skopeo("copy", "--src-tls-verify=false", from + "/library/db:2",
                "docker-archive:" + archive + ":" + offline + "/library/db:2");
        tree = sources.resolve("sync");
        skopeo("sync", "--all", "--src", "docker", "--dest", "dir", "--src-tls-verify=false",
                SOURCE.host() + "/library/api:4", tree.toString());
        assertThat(tree.resolve("api:4/manifest.json")).as("what skopeo sync writes").isRegularFile();
    }

    private static void skopeo(String... args) {
        List<String> cmd = new ArrayList<>(List.of("skopeo"));
        cmd.addAll(List.of(args));
        Processes.check(cmd);
    }

    private static Path context(Path root, List<String> images) throws IOException {
        Files.createDirectories(root.resolve("manifests"));
        Files.writeString(root.resolve("Kubefile"), "FROM scratch\nCOPY manifests manifests\n");
        Files.writeString(root.resolve("manifests/imageList"), String.join("\n", images) + "\n");
        return root;
    }

    private List<String> images() {
        return List.of(offline + "/library/web:1", offline + "/team/tool:3", offline + "/library/db:2",
                offline + "/library/api:4");
    }

    private RegistrySettings.Builder settings() {
        return RegistrySettings.builder().dockerConfig(dir.resolve("docker/config.json")).maxRetries(0);
    }

    private static Path cacheRegistryRoot(Path store, ClusterImage image) {
        Layer cache = image.layers().stream().filter(Layer::isRegistryCache).reduce((a, b) -> b).orElseThrow();
        return store.resolve("data/overlay2").resolve(cache.hex().orElseThrow()).resolve("registry");
    }

    private static String digest(byte[] raw) {
        return TestImages.sha256(raw);
    }

    private static byte[] raw(String transportReference) {
        return Processes.check(List.of("skopeo", "inspect", "--raw", transportReference)).stdout();
    }

    @Test
    void aBuildThroughTheSdkTakesEveryImageFromTheSourcesWithTheirDigests() throws IOException {
        Path store = dir.resolve("store");
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        List<ClusterImage> built;
        try (SealerClient sealer = SealerClient.builder().storeRoot(store).listener(events::add)
                .registrySettings(settings().imageSource(layout).imageSource(namedLayout).build()).build()) {
            built = sealer.builds().build(BuildRequest.builder(context(dir.resolve("ctx"), images()))
                    .tag("it/offline:1").platforms(Platform.LINUX_AMD64, Platform.LINUX_ARM64)
                    .imageSource(archive).imageSource(tree).build());
        }
        assertThat(built).hasSize(2);
        assertThat(built.get(0).containerImages()).containsExactlyInAnyOrderElementsOf(images());
        assertThat(events).filteredOn(e -> e instanceof ProgressEvent.Finished f
                && f.operation().kind() == OperationKind.CONTAINER_IMAGE).hasSize(4);

        try (LocalRegistry cache = LocalRegistry.start(cacheRegistryRoot(store, built.get(0)),
                dir.resolve("cache-work"))) {
            String served = "docker://" + cache.host();
            // OCI layout, bare tag in a directory named after the image: the same index and manifests
            byte[] web = Skopeo.inspectRaw(cache.host() + "/library/web:1", Optional.empty());
            assertThat(digest(web)).isEqualTo(digest(raw("oci:" + layout + ":1")));
            for (JsonNode child : JSON.readTree(web).path("manifests")) {
                String d = child.path("digest").asText();
                assertThat(digest(Skopeo.inspectRaw(cache.host() + "/library/web@" + d, Optional.empty())))
                        .isEqualTo(d);
                assertThat(layout.resolve("blobs/sha256/" + d.substring(7))).isRegularFile();
            }
            // OCI layout, full reference as ref name
            assertThat(digest(Skopeo.inspectRaw(cache.host() + "/team/tool:3", Optional.empty())))
                    .isEqualTo(digest(raw("oci:" + namedLayout + ":" + offline + "/team/tool:3")));
            // skopeo sync tree: manifest.json byte for byte
            assertThat(digest(Skopeo.inspectRaw(cache.host() + "/library/api:4", Optional.empty())))
                    .isEqualTo(digest(Files.readAllBytes(tree.resolve("api:4/manifest.json"))));
            // docker-archive: a manifest written over the tarball's own config and layers
            JsonNode db = JSON.readTree(Skopeo.inspectRaw(cache.host() + "/library/db:2", Optional.empty()));
            JsonNode tarball = JSON.readTree(raw("docker-archive:" + archive));
            assertThat(db.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
            assertThat(db.at("/config/digest").asText()).isEqualTo(tarball.at("/config/digest").asText());
            assertThat(db.path("layers").findValuesAsText("digest"))
                    .isEqualTo(tarball.path("layers").findValuesAsText("digest"));
            // every blob is there and verifies: skopeo copies each image in full out of the cache
            for (String image : List.of("library/web:1", "team/tool:3", "library/api:4", "library/db:2")) {
                Processes.check(List.of("skopeo", "copy", "--all", "--src-tls-verify=false", served + "/" + image,
                        "oci:" + dir.resolve("check") + ":" + image.replace('/', '-')));
            }
        }
    }

    @Test
    void theCliBuildsFromImageSourcesAndAMissingImageNamesEverySourceSearched() throws IOException {
        Path store = dir.resolve("store");
        Path ctx = context(dir.resolve("ctx"), images());
        Result ok = cli(store, "build", "--image-source", layout.toString(), "--image-source",
                namedLayout.toString(), "--image-source", archive.toString(), "--image-source", tree.toString(),
                "--platform", "linux/amd64", "-t", "it/cli:1", ctx.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("4 container image(s)");

        // the mirror answers "not found", so the registry is not asked (the CLI retries unreachable ones)
        String missing = offline + "/library/nginx:1.25";
        Path broken = context(dir.resolve("broken"), List.of(missing));
        Result failed = cli(store, "build", "--image-source", layout.toString(), "--image-source",
                archive.toString(), "--mirror", offline + "=" + SOURCE.uri(), "-t", "it/broken:1",
                broken.toString());
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.err()).contains(missing)
                .contains("not found in image source " + layout + " (OCI layout), not found in image source "
                        + archive + " (docker save tarball), not found at mirror " + SOURCE.uri() + ", " + offline
                        + " not asked (a mirror answered not found and mirror fallback is off)")
                .contains("manifests/imageList:1");
    }

    @Test
    void withoutSourcesTheSameBuildFailsOnTheUnreachableRegistry() throws IOException {
        try (SealerClient sealer = SealerClient.builder().storeRoot(dir.resolve("store"))
                .registrySettings(settings().build()).build()) {
            assertThatThrownBy(() -> sealer.builds().build(BuildRequest.builder(context(dir.resolve("ctx"),
                    List.of(offline + "/library/web:1"))).tag("it/none:1").build()))
                    .isInstanceOf(BuildException.class)
                    .hasMessageContaining(offline + "/library/web:1")
                    .hasMessageContaining(offline + ": connection refused")
                    .hasMessageNotContaining("image source");
        }
    }

    @Test
    void anImageMissingFromAMirrorIsNotLookedUpAtItsRegistryUnlessFallbackIsOn() throws IOException {
        String image = offline + "/library/nowhere:1";
        RegistrySettings.Builder mirrored = settings().mirror(offline, SOURCE.uri());
        try (SealerClient sealer = SealerClient.builder().storeRoot(dir.resolve("store"))
                .registrySettings(mirrored.build()).build()) {
            assertThatThrownBy(() -> sealer.builds().build(BuildRequest.builder(context(dir.resolve("ctx"),
                    List.of(image))).tag("it/mirror:1").imageSource(layout).build()))
                    .isInstanceOf(BuildException.class)
                    .hasCauseInstanceOf(ImageNotFoundException.class)
                    .hasMessageContaining("not found in image source " + layout + " (OCI layout; its bare tag '1' "
                            + "serves only images named web), not found at mirror " + SOURCE.uri() + ", " + offline + " not asked (a mirror answered not found "
                            + "and mirror fallback is off)");
        }
        try (SealerClient sealer = SealerClient.builder().storeRoot(dir.resolve("store2"))
                .registrySettings(mirrored.mirrorFallback(true).build()).build()) {
            assertThatThrownBy(() -> sealer.builds().build(BuildRequest.builder(context(dir.resolve("ctx2"),
                    List.of(image))).tag("it/mirror:1").build()))
                    .isInstanceOf(BuildException.class)
                    .hasMessageContaining("not found at mirror " + SOURCE.uri() + ", " + offline
                            + ": connection refused");
        }
        // a mirror that has the image serves it, the source still first
        try (SealerClient sealer = SealerClient.builder().storeRoot(dir.resolve("store3"))
                .registrySettings(settings().mirror(offline, SOURCE.uri()).build()).build()) {
            List<ClusterImage> built = sealer.builds().build(BuildRequest.builder(context(dir.resolve("ctx3"),
                    List.of(offline + "/library/db:2", offline + "/library/web:1"))).tag("it/mirror:2")
                    .platforms(Platform.LINUX_AMD64).imageSource(layout).build());
            assertThat(built.get(0).containerImages()).hasSize(2);
        }
    }

    record Result(int code, String out, String err) {
    }

    private Result cli(Path store, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>(List.of("--root", store.toString(), "--config",
                dir.resolve("docker").toString()));
        argv.addAll(List.of(args));
        int code = new SealerCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), dir).run(argv.toArray(String[]::new));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
