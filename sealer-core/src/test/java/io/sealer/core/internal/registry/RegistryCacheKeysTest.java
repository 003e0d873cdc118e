package io.sealer.core.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.sealer.api.ImageNotFoundException;
import io.sealer.api.RegistryException;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import io.sealer.api.spi.RegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry-cache layer's build-cache keys: by names, and by what the names resolve to. */
class RegistryCacheKeysTest {
    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);
    private static final ImageReference NGINX = ImageReference.parse("nginx:1.25");
    private static final ImageReference APP = ImageReference.parse("quay.io/team/app:2");
    private static final List<Platform> AMD64 = List.of(Platform.LINUX_AMD64);

    @TempDir
    Path tmp;

    private final RegistryClient client = mock(RegistryClient.class);

    @Test
    void theDigestKeyChangesWithAnyDigestAndNotWithTheOrder() {
        String key = RegistryCacheKeys.byDigests(ordered(NGINX, A, APP, B), AMD64, List.of());

        assertThat(RegistryCacheKeys.byDigests(ordered(APP, B, NGINX, A), AMD64, List.of())).isEqualTo(key);
        assertThat(RegistryCacheKeys.byDigests(ordered(NGINX, B, APP, B), AMD64, List.of())).isNotEqualTo(key);
        assertThat(RegistryCacheKeys.byDigests(ordered(NGINX, A, APP, B), List.of(Platform.LINUX_ARM64), List.of()))
                .isNotEqualTo(key);
        Layer base = new Layer("sha256:" + "c".repeat(64), Layer.TYPE_BASE, Layer.REGISTRY_CACHE, 1);
        assertThat(RegistryCacheKeys.byDigests(ordered(NGINX, A, APP, B), AMD64, List.of(base))).isNotEqualTo(key);
        assertThat(RegistryCacheKeys.byNames(List.of(NGINX, APP), AMD64, List.of())).isNotEqualTo(key)
                .isEqualTo(RegistryCacheKeys.byNames(List.of(APP, NGINX, APP), AMD64, List.of()));
    }

    @Test
    void resolvesTagsThroughTheClientAndTakesDigestsAsGiven() {
        ImageReference pinned = ImageReference.parse("busybox@" + B);
        when(client.resolveDigest(NGINX)).thenReturn(Optional.of(A));

        RegistryCacheKeys.Resolution resolution = RegistryCacheKeys.resolve(client, List.of(NGINX, pinned));

        assertThat(resolution.digests()).contains(Map.of(NGINX, A, pinned, B));
        verify(client, never()).resolveDigest(pinned);
    }

    @Test
    void aMissingImageIsNotFoundAndAFailedLookupIsUnreachable() {
        when(client.resolveDigest(NGINX)).thenReturn(Optional.empty());
        RegistryCacheKeys.Resolution missing = RegistryCacheKeys.resolve(client, List.of(NGINX));
        assertThat(missing.digests()).isEmpty();
        assertThat(missing.unreachable()).isFalse();
        assertThat(missing.problem()).contains("nginx:1.25");

        when(client.resolveDigest(any())).thenThrow(new ImageNotFoundException("nginx:1.25", "not in any source"));
        assertThat(RegistryCacheKeys.resolve(client, List.of(NGINX)).unreachable()).isFalse();

        RegistryClient failing = mock(RegistryClient.class);
        when(failing.resolveDigest(any())).thenThrow(new RegistryException("registry-1.docker.io",
                "connection refused", null));
        RegistryCacheKeys.Resolution unreachable = RegistryCacheKeys.resolve(failing, List.of(NGINX, APP));
        assertThat(unreachable.digests()).isEmpty();
        assertThat(unreachable.unreachable()).isTrue();
        assertThat(unreachable.problem()).contains("connection refused");
    }

    @Test
    void writtenDigestsComeFromTheTagLinksOfTheFirstRootHoldingThem() throws IOException {
        Path layer = tmp.resolve("layer");
        Path base = tmp.resolve("base");
        tagLink(layer, "library/nginx", "1.25", A);
        tagLink(base, "library/nginx", "1.25", B);
        tagLink(base, "team/app", "2", B);

        assertThat(RegistryCacheKeys.written(List.of(NGINX, APP), List.of(layer, base)))
                .contains(Map.of(NGINX, A, APP, B));
        assertThat(RegistryCacheKeys.written(List.of(NGINX, APP), List.of(layer))).as("app is nowhere").isEmpty();
        tagLink(layer, "library/nginx", "1.25", "not a digest");
        assertThat(RegistryCacheKeys.written(List.of(NGINX), List.of(layer))).isEmpty();
    }

    private static Map<ImageReference, String> ordered(ImageReference first, String firstDigest,
            ImageReference second, String secondDigest) {
        Map<ImageReference, String> digests = new LinkedHashMap<>();
        digests.put(first, firstDigest);
        digests.put(second, secondDigest);
        return digests;
    }

    private static void tagLink(Path root, String repository, String tag, String digest) throws IOException {
        Path link = root.resolve("registry/docker/registry/v2/repositories").resolve(repository)
                .resolve("_manifests/tags").resolve(tag).resolve("current/link");
        Files.createDirectories(link.getParent());
        Files.writeString(link, digest);
    }
}
