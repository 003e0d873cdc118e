package io.sealer.registry.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.RegistryException;
import io.sealer.api.image.ImageReference;
import io.sealer.api.registry.RegistryCredentials;
import io.sealer.api.spi.RegistryManifest;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.registry.internal.manifest.Digests;
import io.sealer.registry.internal.manifest.MediaTypes;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciRegistryClientTest {
    private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
            + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"%s\","
            + "\"size\":%d},\"layers\":[]}";

    @TempDir
    Path dir;
    FakeRegistry registry;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        registry = new FakeRegistry();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private OciRegistryClient client(RegistrySettings settings) {
        return new OciRegistryClient(settings, DockerConfig.empty(), new RetryPolicy(settings.maxRetries(),
                Duration.ofMillis(100), Duration.ofSeconds(30)), sleeps::add, 64, 40);
    }

    private OciRegistryClient client() {
        return client(RegistrySettings.defaults());
    }

    private static RegistrySettings withCredentials(String host, RegistryCredentials creds) {
        RegistrySettings d = RegistrySettings.defaults();
        return new RegistrySettings(d.mirrors(), d.insecureRegistries(), d.caFiles(), Optional.empty(),
                Map.of(host, creds), d.connectTimeout(), d.readTimeout(), d.maxRetries(), d.maxParallelBlobs());
    }

    private ImageReference ref(String rest) {
        return ImageReference.parse(registry.host() + "/" + rest);
    }

    private String addImage(String repo, String tag) {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        String configDigest = registry.addBlob(config);
        return registry.addManifest(repo, tag, MediaTypes.OCI_MANIFEST,
                String.format(MANIFEST, configDigest, config.length));
    }

    @Test
    void fetchesManifestByTagAndDigestAndVerifiesIt() {
        String digest = addImage("app/web", "1");
        try (OciRegistryClient client = client()) {
            RegistryManifest byTag = client.fetchManifest(ref("app/web:1")).orElseThrow();
            assertThat(byTag.digest()).isEqualTo(digest);
            assertThat(byTag.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
            assertThat(client.fetchManifest(ref("app/web@" + digest))).isPresent();
            assertThat(client.fetchManifest(ref("app/web:2"))).isEmpty();
        }
        assertThat(registry.requests).anyMatch(r -> r.startsWith("GET /v2/app/web/manifests/1"));
    }

    @Test
    void resolvesATagsDigestWithAHeadAndReadsTheManifestOnlyWhenTheAnswerHasNoDigest() {
        String digest = addImage("app/web", "1");
        try (OciRegistryClient client = client()) {
            assertThat(client.resolveDigest(ref("app/web:1"))).contains(digest);
            assertThat(client.resolveDigest(ref("app/web:2"))).isEmpty();
            assertThat(registry.requests).filteredOn(r -> r.contains("/manifests/"))
                    .containsExactly("HEAD /v2/app/web/manifests/1", "HEAD /v2/app/web/manifests/2");

            registry.requests.clear();
            registry.headGivesDigest = false;
            assertThat(client.resolveDigest(ref("app/web:1"))).contains(digest);
            assertThat(registry.requests).filteredOn(r -> r.contains("/manifests/"))
                    .containsExactly("HEAD /v2/app/web/manifests/1", "GET /v2/app/web/manifests/1");
        }
    }

    @Test
    void resolvingThroughAMirrorThatHasNotIsFinalUnlessFallbackIsOn() throws IOException {
        String digest = addImage("library/web", "1");
        try (FakeRegistry mirror = new FakeRegistry()) {
            RegistrySettings.Builder settings = mirrored("http://" + mirror.host());
            try (OciRegistryClient client = client(settings.build())) {
                assertThat(client.resolveDigest(ref("library/web:1"))).isEmpty();
            }
            try (OciRegistryClient client = client(settings.mirrorFallback(true).build())) {
                assertThat(client.resolveDigest(ref("library/web:1"))).contains(digest);
            }
            assertThat(mirror.requests).contains("HEAD /v2/library/web/manifests/1");
        }
    }

    @Test
    void anUnreachableRegistryFailsTheResolutionNamingIt() {
        ImageReference nowhere = ImageReference.parse("127.0.0.1:1/app/web:1");
        try (OciRegistryClient client = client(RegistrySettings.builder().maxRetries(0).build())) {
            assertThatThrownBy(() -> client.resolveDigest(nowhere)).isInstanceOf(RegistryException.class)
                    .hasMessageContaining("127.0.0.1:1");
        }
    }

    @Test
    void rejectsManifestWhoseContentDoesNotMatchTheRequestedDigest() {
        String digest = addImage("app/web", "1");
        String other = "sha256:" + "a".repeat(64);
        registry.manifests.put("app/web@" + other, registry.manifests.get("app/web@" + digest));
        try (OciRegistryClient client = client()) {
            assertThatThrownBy(() -> client.fetchManifest(ref("app/web@" + other)))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("app/web")
                    .hasMessageContaining(other);
        }
    }

    @Test
    void retriesServerErrorsWithBackoffAndHonoursRetryAfter() {
        addImage("app/web", "1");
        AtomicInteger failures = new AtomicInteger();
        registry.interceptor = ex -> {
            if (!ex.getRequestURI().getPath().contains("/manifests/") || failures.get() >= 3) {
                return false;
            }
            try {
                if (failures.incrementAndGet() == 2) {
                    ex.getResponseHeaders().add("Retry-After", "7");
                    FakeRegistry.send(ex, 429, "{}");
                } else {
                    FakeRegistry.send(ex, 503, "{}");
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return true;
        };
        try (OciRegistryClient client = client()) {
            assertThat(client.fetchManifest(ref("app/web:1"))).isPresent();
        }
        assertThat(failures.get()).isEqualTo(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofSeconds(7), Duration.ofMillis(400));
    }

    @Test
    void givesUpAfterMaxRetriesAndNeverRetriesOtherClientErrors() {
        AtomicInteger calls = new AtomicInteger();
        registry.interceptor = ex -> {
            if (!ex.getRequestURI().getPath().contains("/manifests/")) {
                return false;
            }
            try {
                FakeRegistry.send(ex, ex.getRequestURI().getPath().contains("bad") ? 400 : 500, "{}");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            calls.incrementAndGet();
            return true;
        };
        try (OciRegistryClient client = client()) {
            assertThatThrownBy(() -> client.fetchManifest(ref("app/web:1")))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("HTTP 500")
                    .satisfies(e -> assertThat(((RegistryException) e).statusCode()).isEqualTo(500));
            assertThat(calls.get()).isEqualTo(4);
            calls.set(0);
            assertThatThrownBy(() -> client.fetchManifest(ref("app/bad:1")))
                    .hasMessageContaining("HTTP 400");
            assertThat(calls.get()).isEqualTo(1);
        }
    }

    @Test
    void streamsBlobsVerifyingTheirDigest() throws IOException {
        byte[] content = "hello layer".getBytes(StandardCharsets.UTF_8);
        String digest = registry.addBlob(content);
        Path target = dir.resolve("blob");
        List<ProgressEvent> events = new ArrayList<>();
        try (OciRegistryClient client = client()) {
            client.fetchBlob(ref("app/web"), digest, content.length, target, Progress.to(events::add));
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(events).last().isInstanceOfSatisfying(ProgressEvent.Progressed.class, e -> {
            assertThat(e.done()).isEqualTo(content.length);
            assertThat(e.total()).isEqualTo(content.length);
        });
    }

    @Test
    void digestMismatchDeletesThePartialFileAndNamesImageAndBlob() {
        String digest = Digests.of("what was promised".getBytes(StandardCharsets.UTF_8));
        registry.blobs.put(digest, "what was delivered".getBytes(StandardCharsets.UTF_8));
        Path target = dir.resolve("blob");
        try (OciRegistryClient client = client()) {
            assertThatThrownBy(() -> client.fetchBlob(ref("app/web:1"), digest, -1, target, Progress.NONE))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining(registry.host() + "/app/web:1")
                    .hasMessageContaining(digest);
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void answersBasicChallengeWithSdkCredentials() {
        addImage("app/web", "1");
        registry.basicUser = "alice";
        registry.basicPassword = "s3cret-pass";
        try (OciRegistryClient client = client(withCredentials(registry.host(),
                new RegistryCredentials("alice", "s3cret-pass")))) {
            assertThat(client.fetchManifest(ref("app/web:1"))).isPresent();
        }
    }

    @Test
    void wrongPasswordFailsWithoutShowingIt() {
        addImage("app/web", "1");
        registry.basicUser = "alice";
        registry.basicPassword = "right-pass";
        try (OciRegistryClient client = client(withCredentials(registry.host(),
                new RegistryCredentials("alice", "wrong-pass-123")))) {
            assertThatThrownBy(() -> client.fetchManifest(ref("app/web:1")))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("401")
                    .satisfies(e -> assertThat(e.toString()).doesNotContain("wrong-pass-123")
                            .doesNotContain("YWxpY2U6d3Jvbmct"));
        }
    }

    @Test
    void bearerTokensAreFetchedWithCredentialsAndCachedPerScope() {
        addImage("app/web", "1");
        addImage("app/api", "1");
        registry.bearer = true;
        registry.basicUser = "bob";
        registry.basicPassword = "tok-pass";
        try (OciRegistryClient client = client(withCredentials(registry.host(),
                new RegistryCredentials("bob", "tok-pass")))) {
            assertThat(client.fetchManifest(ref("app/web:1"))).isPresent();
            assertThat(client.fetchManifest(ref("app/web:1"))).isPresent();
            assertThat(registry.tokenRequests.get()).isEqualTo(1);
            assertThat(client.fetchManifest(ref("app/api:1"))).isPresent();
            assertThat(registry.tokenRequests.get()).isEqualTo(2);
        }
        assertThat(registry.requests).anyMatch(r -> r.contains("/token?service=fake&scope=repository%3Aapp%2Fweb%3Apull"));
    }

    @Test
    void failedTokenRequestShowsNoSecret() {
        addImage("app/web", "1");
        registry.bearer = true;
        registry.basicUser = "bob";
        registry.basicPassword = "right";
        try (OciRegistryClient client = client(withCredentials(registry.host(),
                new RegistryCredentials("bob", "hunter2-secret")))) {
            assertThatThrownBy(() -> client.fetchManifest(ref("app/web:1")))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("token request")
                    .satisfies(e -> assertThat(e.toString()).doesNotContain("hunter2-secret"));
        }
    }

    private RegistrySettings.Builder mirrored(String... mirrors) {
        RegistrySettings.Builder builder = RegistrySettings.builder().maxRetries(0);
        for (String mirror : mirrors) {
            builder.mirror(registry.host(), URI.create(mirror));
        }
        return builder;
    }

    @Test
    void mirrorsAreTriedFirstAndFallBackToTheOriginWhenAsked() throws IOException {
        String digest = addImage("app/web", "1");
        try (FakeRegistry mirror = new FakeRegistry()) {
            RegistrySettings settings = mirrored("http://" + mirror.host()).mirrorFallback(true).build();
            try (OciRegistryClient client = client(settings)) {
                assertThat(client.fetchManifest(ref("app/web:1")).orElseThrow().digest()).isEqualTo(digest);
                assertThat(mirror.requests).contains("GET /v2/app/web/manifests/1");
                mirror.manifests.putAll(registry.manifests);
                int before = registry.requests.size();
                assertThat(client.fetchManifest(ref("app/web:1"))).isPresent();
                assertThat(registry.requests).hasSize(before);
            }
        }
    }

    @Test
    void aMirrorsNotFoundIsFinalUnlessFallbackIsOn() throws IOException {
        addImage("app/web", "1");
        try (FakeRegistry mirror = new FakeRegistry()) {
            try (OciRegistryClient client = client(mirrored("http://" + mirror.host()).build())) {
                ManifestLookup lookup = client.lookupManifest(ref("app/web:1"));
                assertThat(lookup.manifest()).isEmpty();
                assertThat(lookup.describe()).isEqualTo("not found at mirror http://" + mirror.host() + ", "
                        + registry.host() + " not asked (a mirror answered not found and mirror fallback is off)");
                assertThat(client.fetchManifest(ref("app/web:1"))).isEmpty();
                assertThat(registry.requests).isEmpty();
                String blob = registry.addBlob("only at the origin".getBytes(StandardCharsets.UTF_8));
                assertThatThrownBy(() -> client.fetchBlob(ref("app/web:1"), blob, -1, dir.resolve("b"), Progress.NONE))
                        .isInstanceOf(RegistryException.class)
                        .hasMessageContaining("blob " + blob)
                        .hasMessageContaining("not found at mirror http://" + mirror.host())
                        .hasMessageContaining("mirror fallback is off");
                assertThat(registry.requests).isEmpty();
            }
        }
    }

    @Test
    void anUnreachableMirrorFallsBackAndEveryAnswerIsReported() throws IOException {
        String digest = addImage("app/web", "1");
        String refused = "http://127.0.0.1:" + closedPort();
        try (OciRegistryClient client = client(mirrored(refused).build())) {
            assertThat(client.fetchManifest(ref("app/web:1")).orElseThrow().digest()).isEqualTo(digest);
            ManifestLookup missing = client.lookupManifest(ref("app/none:1"));
            assertThat(missing.describe()).isEqualTo("mirror " + refused + ": connection refused, not found at "
                    + registry.host());
            assertThat(client.fetchManifest(ref("app/none:1"))).as("the origin's not found is final").isEmpty();
        }
        try (FakeRegistry mirror = new FakeRegistry()) {
            String origin = registry.host();
            registry.close();
            RegistrySettings settings = mirrored("http://" + mirror.host(), "http://no-such-host.invalid:5000")
                    .insecureRegistry("no-such-host.invalid:5000").mirrorFallback(true).build();
            try (OciRegistryClient client = client(settings)) {
                assertThatThrownBy(() -> client.fetchManifest(ref("app/web:1")))
                        .isInstanceOf(RegistryException.class)
                        .hasMessage(origin + "/app/web:1: not found at mirror http://" + mirror.host()
                                + ", mirror http://no-such-host.invalid:5000: unknown host, " + origin
                                + ": connection refused");
            }
        }
    }

    private static int closedPort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void plainHttpMirrorOnARemoteHostNeedsToBeInsecure() {
        RegistrySettings d = RegistrySettings.defaults();
        RegistrySettings settings = new RegistrySettings(
                Map.of("docker.io", List.of(URI.create("http://mirror.example:5000"))), Set.of(), List.of(),
                Optional.empty(), Map.of(), d.connectTimeout(), d.readTimeout(), 0, 8);
        try (OciRegistryClient client = client(settings)) {
            assertThatThrownBy(() -> client.fetchManifest(ImageReference.parse("nginx:1")))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("mirror.example:5000")
                    .hasMessageContaining("insecure");
        }
    }

    @Test
    void pushesBlobsMonolithicallyChunkedOrByMountAndSkipsExistingOnes() throws IOException {
        byte[] small = "small".getBytes(StandardCharsets.UTF_8);
        byte[] large = "0123456789".repeat(10).getBytes(StandardCharsets.UTF_8);
        Path smallFile = Files.write(dir.resolve("small"), small);
        Path largeFile = Files.write(dir.resolve("large"), large);
        String smallDigest = Digests.of(small);
        String largeDigest = Digests.of(large);
        try (OciRegistryClient client = client()) {
            client.pushBlob(ref("app/web"), smallDigest, small.length, smallFile, Optional.empty(),
                    Progress.NONE);
            client.pushBlob(ref("app/web"), largeDigest, large.length, largeFile, Optional.empty(),
                    Progress.NONE);
            assertThat(registry.blobs).containsKeys(smallDigest, largeDigest);
            assertThat(registry.blobs.get(largeDigest)).isEqualTo(large);
            assertThat(registry.requests.stream().filter(r -> r.startsWith("PATCH"))).hasSize(3);

            int before = registry.requests.size();
            client.pushBlob(ref("app/web"), smallDigest, small.length, smallFile, Optional.empty(),
                    Progress.NONE);
            assertThat(registry.requests.subList(before, registry.requests.size()))
                    .containsExactly("HEAD /v2/app/web/blobs/" + smallDigest);

            client.pushBlob(ref("app/other"), smallDigest, small.length, smallFile, Optional.of(ref("app/web")),
                    Progress.NONE);
            assertThat(registry.requests).last().asString()
                    .startsWith("POST /v2/app/other/blobs/uploads/?mount=" + smallDigest.replace(":", "%3A"))
                    .endsWith("from=app%2Fweb");
        }
    }

    @Test
    void pushesManifestByTag() {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        String json = String.format(MANIFEST, Digests.of(config), config.length);
        RegistryManifest manifest = new RegistryManifest(MediaTypes.OCI_MANIFEST,
                Digests.of(json.getBytes(StandardCharsets.UTF_8)), json.getBytes(StandardCharsets.UTF_8));
        try (OciRegistryClient client = client()) {
            assertThat(client.pushManifest(ref("app/web:2"), manifest)).isEqualTo(manifest.digest());
            assertThat(client.fetchManifest(ref("app/web:2")).orElseThrow().digest()).isEqualTo(manifest.digest());
        }
    }
}
