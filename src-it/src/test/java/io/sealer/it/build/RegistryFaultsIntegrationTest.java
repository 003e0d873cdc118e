package io.sealer.it.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealer.api.build.BuildRequest;
import io.sealer.api.BuildException;
import io.sealer.api.RegistryException;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.core.SealerClient;
import io.sealer.it.support.CorruptingProxy;
import io.sealer.it.support.ForwardingProxy;
import io.sealer.it.support.LocalRegistry;
import io.sealer.it.support.RegistryExtension;
import io.sealer.it.support.Skopeo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry faults during builds and pulls: a corrupt blob, a missing image, a registry killed mid-pull, and
 * credentials (Basic through {@code login}, Bearer through a token endpoint).
 */
class RegistryFaultsIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RegistryExtension SOURCE = RegistryExtension.withImages()
            .image("web", "1", List.of("linux/amd64", "linux/arm64"), "library/web:1");

    @TempDir
    Path dir;

    private SealerClient client(Path store) {
        return SealerClient.builder().storeRoot(store)
                .registrySettings(SOURCE.mirrorSettings(dir.resolve("docker/config.json")).build()).build();
    }

    private Path context(String image) throws IOException {
        Path ctx = dir.resolve("ctx");
        Files.createDirectories(ctx.resolve("manifests"));
        Files.writeString(ctx.resolve("Kubefile"), "FROM scratch\nCOPY manifests manifests\n");
        Files.writeString(ctx.resolve("manifests/a.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n"
                + "spec:\n  containers:\n  - name: a\n    image: " + image + "\n");
        return ctx;
    }

    private List<ClusterImage> build(SealerClient sealer, Path ctx, String tag) {
        return sealer.builds().build(BuildRequest.builder(ctx).tag(tag).platforms(Platform.LINUX_AMD64)
                .build());
    }

    @Test
    void corruptBlobFailsTheBuildNamingTheBlobAndListsNothing() throws IOException {
        JsonNode index = JSON.readTree(Skopeo.inspectRaw(SOURCE.host() + "/library/web:1", Optional.empty()));
        JsonNode manifest = JSON.readTree(Skopeo.inspectRaw(SOURCE.host() + "/library/web@"
                + index.path("manifests").get(0).path("digest").asText(), Optional.empty()));
        String victim = manifest.path("layers").get(1).path("digest").asText();
        Path store = dir.resolve("store");
        try (CorruptingProxy proxy = new CorruptingProxy(SOURCE.uri(), victim)) {
            SealerClient sealer = client(store);
            assertThatThrownBy(() -> build(sealer, context(proxy.host() + "/library/web:1"), "it/corrupt:1"))
                    .isInstanceOf(BuildException.class)
                    .hasMessageContaining(victim)
                    .hasMessageContaining("corrupt")
                    .hasMessageContaining("manifests/a.yaml:8");
            assertThat(sealer.images().list()).isEmpty();
        }
    }

    @Test
    void missingImageFailsNamingTheImageAndTheFileReferencingIt() throws IOException {
        SealerClient sealer = client(dir.resolve("store"));
        String missing = SOURCE.host() + "/nope/missing:1";
        assertThatThrownBy(() -> build(sealer, context(missing), "it/missing:1"))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining(missing)
                .hasMessageContaining("manifests/a.yaml:8")
                .hasMessageContaining("does not exist");
        assertThat(sealer.images().list()).isEmpty();
    }

    @Test
    void registryKilledMidPullFailsCleanlyAndTheRerunSucceeds() throws IOException {
        Path pushStore = dir.resolve("push-store");
        SealerClient pusher = client(pushStore);
        Path root = dir.resolve("kill-root");
        AtomicReference<LocalRegistry> registry = new AtomicReference<>(LocalRegistry.start(root,
                dir.resolve("kill-work-1")));
        try (ForwardingProxy proxy = ForwardingProxy.open(registry.get().uri())) {
            String name = proxy.host() + "/it/app:1";
            List<ClusterImage> built = build(pusher, context(SOURCE.host() + "/library/web:1"), name);
            pusher.registry().push(name);

            SealerClient puller = client(dir.resolve("pull-store"));
            proxy.onFirstBlob(() -> registry.get().close());
            assertThatThrownBy(() -> puller.registry().pull(name))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining(name);
            assertThat(puller.images().list()).isEmpty();

            registry.set(LocalRegistry.start(root, dir.resolve("kill-work-2")));
            proxy.upstream(registry.get().uri());
            List<ClusterImage> pulled = puller.registry().pull(name);
            assertThat(pulled).singleElement().satisfies(image ->
                    assertThat(image.layers()).isEqualTo(built.get(0).layers()));
        } finally {
            registry.get().close();
        }
    }

    @Test
    void loginThenPushAndPullWithBasicAuth() throws IOException {
        try (LocalRegistry secured = LocalRegistry.startWithAuth(dir.resolve("auth-root"), dir.resolve("auth-work"),
                "alice", "wonderland-pw")) {
            SealerClient sealer = client(dir.resolve("store"));
            String name = secured.host() + "/team/app:1";
            List<ClusterImage> built = build(sealer, context(SOURCE.host() + "/library/web:1"), name);
            assertThatThrownBy(() -> sealer.registry().push(name)).isInstanceOf(RegistryException.class)
                    .hasMessageContaining("401");
            assertThatThrownBy(() -> sealer.registry().login(secured.host(), "alice", "not-the-pw-42"))
                    .isInstanceOf(RegistryException.class)
                    .satisfies(e -> assertThat(e.toString()).doesNotContain("not-the-pw-42"));
            assertThat(dir.resolve("docker/config.json")).doesNotExist();

            sealer.registry().login(secured.host(), "alice", "wonderland-pw");
            assertThat(Files.readString(dir.resolve("docker/config.json"))).contains(secured.host())
                    .doesNotContain("wonderland-pw");
            sealer.registry().push(name);
            assertThat(Skopeo.inspectRaw(name, Optional.of("alice:wonderland-pw"))).isNotEmpty();

            SealerClient other = client(dir.resolve("other-store"));
            assertThat(other.registry().pull(name, Platform.LINUX_AMD64)).singleElement()
                    .satisfies(image -> assertThat(image.layers()).isEqualTo(built.get(0).layers()));
            assertThat(sealer.registry().logout(secured.host())).isTrue();
            assertThat(sealer.registry().logout(secured.host())).isFalse();
        }
    }

    @Test
    void pullThroughABearerTokenChallenge() throws IOException {
        SealerClient pusher = client(dir.resolve("store"));
        String direct = SOURCE.host() + "/it/bearer:1";
        List<ClusterImage> built = build(pusher, context(SOURCE.host() + "/library/web:1"), direct);
        pusher.registry().push(direct);
        try (ForwardingProxy proxy = ForwardingProxy.withBearer(SOURCE.uri(), "bob", "token-pw")) {
            String name = proxy.host() + "/it/bearer:1";
            SealerClient puller = client(dir.resolve("pull-store"));
            assertThatThrownBy(() -> puller.registry().pull(name)).isInstanceOf(RegistryException.class)
                    .hasMessageContaining("token");
            puller.registry().login(proxy.host(), "bob", "token-pw");
            List<ClusterImage> pulled = puller.registry().pull(name);
            assertThat(pulled).singleElement().satisfies(image -> {
                assertThat(image.layers()).isEqualTo(built.get(0).layers());
                assertThat(image.layers()).anyMatch(Layer::isRegistryCache);
            });
            assertThat(proxy.tokensIssued()).isPositive();
        }
    }
}
