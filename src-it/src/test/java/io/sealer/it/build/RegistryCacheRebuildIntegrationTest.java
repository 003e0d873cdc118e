package io.sealer.it.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.build.BuildRequest;
import io.sealer.api.build.DiscoveryOptions;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Layer;
import io.sealer.core.SealerClient;
import io.sealer.it.support.LocalRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuilds against a real {@code docker-registry}: the registry-cache layer is reused while its images are unchanged,
 * cached again once a tag moved, and reused with a warning when the registry cannot be reached.
 */
class RegistryCacheRebuildIntegrationTest {
    @TempDir
    Path dir;

    private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void aMovedTagCachesAgainAndAnUnreachableRegistryReusesTheLayerWithAWarning() throws IOException {
        Path context = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(context.resolve("Kubefile"), "FROM scratch\n");
        Layer first;
        String image;
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"), dir.resolve("registry-work"))) {
            registry.pushTestImage(dir.resolve("layouts"), "web", "1", List.of("linux/amd64"), "team/web:1");
            registry.pushTestImage(dir.resolve("layouts"), "db", "2", List.of("linux/amd64"), "team/db:2");
            image = registry.host() + "/team/web:1";

            first = cacheLayer(build(context, image));
            assertThat(cacheSummary()).as("first build").startsWith("1 image(s) cached");

            assertThat(cacheLayer(build(context, image))).isEqualTo(first);
            assertThat(cacheSummary()).as("unchanged").startsWith("using cached layer " + first.id());

            // the tag now names another image (test images differ by name and platform)
            registry.pushTestImage(dir.resolve("layouts"), "web-rebuilt", "1", List.of("linux/amd64"), "team/web:1");
            Layer moved = cacheLayer(build(context, image));
            assertThat(cacheSummary()).as("moved tag").startsWith("1 image(s) cached");
            assertThat(moved.id()).isNotEqualTo(first.id());

            assertThat(cacheLayer(build(context, image))).isEqualTo(moved);
            assertThat(cacheSummary()).as("unchanged again").startsWith("using cached layer " + moved.id());
        }
        // the registry is gone: the layer cached for the same names stands in, said so
        Layer offline = cacheLayer(build(context, image));
        assertThat(cacheSummary()).as("unreachable").startsWith("using cached layer " + offline.id());
        assertThat(events).filteredOn(ProgressEvent.Warning.class::isInstance).map(e -> ((ProgressEvent.Warning) e)
                .message()).singleElement().asString()
                .contains("could not check whether the container images changed", "built for the same image names");
    }

    private ClusterImage build(Path context, String image) {
        events.clear();
        try (SealerClient client = SealerClient.builder().storeRoot(dir.resolve("store")).listener(events::add)
                .build()) {
            List<ClusterImage> built = client.builds().build(BuildRequest.builder(context).tag("app:1")
                    .discovery(DiscoveryOptions.defaults().withExtraImages(List.of(ImageReference.parse(image))))
                    .build());
            return built.get(0);
        }
    }

    /** The summary the registry-cache operation finished with. */
    private String cacheSummary() {
        return events.stream().filter(ProgressEvent.Finished.class::isInstance).map(ProgressEvent.Finished.class::cast)
                .filter(f -> f.operation().kind() == OperationKind.REGISTRY_CACHE).map(ProgressEvent.Finished::summary)
                .reduce((a, b) -> b).orElse("");
    }

    private static Layer cacheLayer(ClusterImage image) {
        return image.layers().stream().filter(Layer::isRegistryCache).findFirst().orElseThrow();
    }
}
