package io.sealer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.sealer.api.AdapterMissingException;
import io.sealer.api.BuildException;
import io.sealer.api.build.BuildRequest;
import io.sealer.api.event.Operation;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.event.Subject;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.api.spi.ImageCacheWriter;
import io.sealer.api.spi.RegistryClient;
import io.sealer.api.spi.RegistryClientProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's seams: adapters given to the builder, one class-path lookup per client, typed nested events. */
class SealerClientTest {
    @TempDir
    Path tmp;

    private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

    /** A registry adapter that writes a marker per image instead of talking to a registry. */
    private static final class FakeRegistry implements RegistryClientProvider {
        final List<RegistrySettings> created = new CopyOnWriteArrayList<>();
        final List<List<ImageReference>> cached = new CopyOnWriteArrayList<>();

        @Override
        public RegistryClient create(RegistrySettings settings) {
            created.add(settings);
            RegistryClient client = mock(RegistryClient.class);
            when(client.settings()).thenReturn(settings);
            return client;
        }

        @Override
        public Optional<ImageCacheWriter> cacheWriter() {
            return Optional.of((client, images, platforms, layerDir, existing, progress) -> {
                cached.add(images);
                for (ImageReference image : images) {
                    Progress op = progress.start(OperationKind.CONTAINER_IMAGE, Subject.image(image), "caching");
                    write(layerDir.resolve("registry/docker/registry/v2/repositories/" + image.path() + "/marker"),
                            image.fullName() + " parallel=" + client.settings().maxParallelBlobs());
                    op.finished("cached");
                }
                return new ImageCacheWriter.CacheSummary(images, List.of(), images.size(), 0);
            });
        }
    }

    private Path context() throws IOException {
        Path dir = tmp.resolve("ctx");
        write(dir.resolve("Kubefile"), "FROM scratch\nCOPY manifests manifests\n");
        write(dir.resolve("manifests/app.yaml"), "image: nginx:1.25\n");
        return dir;
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aGivenRegistryAdapterCachesTheImagesWithTheClientsSettings() throws IOException {
        FakeRegistry registry = new FakeRegistry();
        RegistrySettings settings = RegistrySettings.builder().maxParallelBlobs(3).build();
        try (SealerClient sealer = SealerClient.builder().storeRoot(tmp.resolve("store"))
                .platform(Platform.LINUX_ARM64).registryProvider(registry).registrySettings(settings).build()) {
            ClusterImage image = sealer.build(context());

            assertThat(image.platform()).isEqualTo(Platform.LINUX_ARM64);
            assertThat(image.name()).isEqualTo("docker.io/library/ctx:latest");
            assertThat(image.layers()).last().satisfies(l -> assertThat(l.isRegistryCache()).isTrue());
            assertThat(registry.cached).singleElement().asList().extracting(Object::toString)
                    .containsExactly("docker.io/library/nginx:1.25");
            assertThat(registry.created).containsExactly(settings);
            Path layer = tmp.resolve("store/data/overlay2").resolve(cacheLayer(image).hex().orElseThrow());
            assertThat(layer.resolve("registry/docker/registry/v2/repositories/library/nginx/marker"))
                    .hasContent("docker.io/library/nginx:1.25 parallel=3");
        }
    }

    @Test
    void withoutARegistryAdapterABuildThatNeedsImagesFailsNamingTheModule() throws IOException {
        Path context = context();
        try (SealerClient sealer = SealerClient.builder().storeRoot(tmp.resolve("store"))
                .adapterClassLoader(new ClassLoader(null) { }).build()) {
            assertThatThrownBy(() -> sealer.build(context))
                    .isInstanceOf(BuildException.class)
                    .hasMessageContaining("io.sealer:sealer-registry")
                    .hasMessageContaining("docker.io/library/nginx:1.25")
                    .hasCauseInstanceOf(AdapterMissingException.class);
            assertThat(sealer.images().list()).isEmpty();

            ClusterImage image = sealer.builds().build(BuildRequest.builder(context).cacheImages(false).build())
                    .get(0);
            assertThat(image.layers()).noneMatch(Layer::isRegistryCache);
            assertThat(image.containerImages()).containsExactly("docker.io/library/nginx:1.25");
            assertThatThrownBy(() -> sealer.registry().push(image.name()))
                    .isInstanceOf(AdapterMissingException.class)
                    .hasMessageContaining("io.sealer:sealer-registry");
        }
    }

    @Test
    void adaptersAreLookedUpOncePerClient() throws IOException {
        CountingLoader loader = new CountingLoader();
        Path context = context();
        try (SealerClient sealer = SealerClient.builder().storeRoot(tmp.resolve("store"))
                .adapterClassLoader(loader).build()) {
            for (int i = 0; i < 3; i++) {
                sealer.builds().build(BuildRequest.builder(context).tag("app:" + i).cacheImages(false).build());
                assertThatThrownBy(() -> sealer.registry().logout("example.com"))
                        .isInstanceOf(AdapterMissingException.class);
            }
            assertThat(loader.lookups("io.sealer.api.spi.RegistryClientProvider")).isEqualTo(1);
        }
    }

    @Test
    void eventsNestBuildImageInstructionAndReachTheClientAndTheCallListeners() throws IOException {
        List<ProgressEvent> perCall = new CopyOnWriteArrayList<>();
        try (SealerClient sealer = SealerClient.builder().storeRoot(tmp.resolve("store"))
                .registryProvider(new FakeRegistry()).listener(events::add).build()) {
            sealer.builds().build(BuildRequest.builder(context()).tag("app:1")
                    .platforms(Platform.LINUX_AMD64, Platform.LINUX_ARM64).listener(perCall::add).build());
        }
        assertThat(perCall).containsExactlyElementsOf(events);
        Map<String, Operation> byId = events.stream().map(ProgressEvent::operation)
                .collect(Collectors.toMap(Operation::id, Function.identity(), (a, b) -> a));
        Operation build = only(OperationKind.BUILD);
        assertThat(build.parentId()).isEmpty();
        assertThat(build.subject().image()).hasValue(ImageReference.parse("app:1"));
        List<Operation> images = started(OperationKind.IMAGE);
        assertThat(images).extracting(o -> o.subject().platform().orElseThrow())
                .containsExactly(Platform.LINUX_AMD64, Platform.LINUX_ARM64);
        assertThat(images).allSatisfy(o -> assertThat(o.parentId()).hasValue(build.id()));
        assertThat(started(OperationKind.INSTRUCTION)).hasSize(4).allSatisfy(o -> {
            assertThat(byId.get(o.parentId().orElseThrow()).kind()).isEqualTo(OperationKind.IMAGE);
            assertThat(o.subject().step().orElseThrow()).matches(".*Kubefile:[12]");
        });
        Operation container = started(OperationKind.CONTAINER_IMAGE).get(0);
        Operation cache = byId.get(container.parentId().orElseThrow());
        assertThat(cache.kind()).isEqualTo(OperationKind.REGISTRY_CACHE);
        assertThat(byId.get(cache.parentId().orElseThrow()).kind()).isEqualTo(OperationKind.IMAGE);
        assertThat(events).last().isInstanceOfSatisfying(ProgressEvent.Finished.class,
                f -> assertThat(f.operation()).isEqualTo(build));
        assertThat(events.stream().map(e -> e.operation().id()).distinct().count())
                .isEqualTo(started(null).size());
    }

    @Test
    void aFailedBuildReportsFailedForItsBuildOperation() throws IOException {
        Path context = tmp.resolve("bad");
        write(context.resolve("Kubefile"), "FROM scratch\nCOPY missing missing\n");
        try (SealerClient sealer = SealerClient.builder().storeRoot(tmp.resolve("store")).listener(events::add)
                .build()) {
            assertThatThrownBy(() -> sealer.build(context)).isInstanceOf(BuildException.class);
        }
        assertThat(events).filteredOn(e -> e instanceof ProgressEvent.Failed)
                .extracting(e -> e.operation().kind()).contains(OperationKind.BUILD);
    }

    private Operation only(OperationKind kind) {
        assertThat(started(kind)).hasSize(1);
        return started(kind).get(0);
    }

    private List<Operation> started(OperationKind kind) {
        return events.stream().filter(e -> e instanceof ProgressEvent.Started).map(ProgressEvent::operation)
                .filter(o -> kind == null || o.kind() == kind).toList();
    }

    private static Layer cacheLayer(ClusterImage image) {
        return image.layers().stream().filter(Layer::isRegistryCache).findFirst().orElseThrow();
    }

    /** Counts service-file lookups, finding nothing. */
    private static final class CountingLoader extends ClassLoader {
        private final Map<String, AtomicInteger> counts = new java.util.concurrent.ConcurrentHashMap<>();

        CountingLoader() {
            super(null);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            counts.computeIfAbsent(name.replace("META-INF/services/", ""), k -> new AtomicInteger()).incrementAndGet();
            return super.getResources(name);
        }

        int lookups(String service) {
            return counts.getOrDefault(service, new AtomicInteger()).get();
        }
    }
}
