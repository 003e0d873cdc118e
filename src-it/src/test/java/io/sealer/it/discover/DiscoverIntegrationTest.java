package io.sealer.it.discover;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.cli.SealerCli;
import io.sealer.it.support.Processes;
import io.sealer.it.support.RegistryExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sealer discover -o skopeo-sync} writes what real {@code skopeo sync --src yaml} reads: the user fetches
 * exactly the discovered images on a connected machine (here: a registry on 127.0.0.1).
 */
class DiscoverIntegrationTest {
    @RegisterExtension
    static final RegistryExtension REGISTRY = RegistryExtension.withImages()
            .image("web", "1", List.of("linux/amd64", "linux/arm64"), "library/web:1")
            .image("tool", "2", List.of("linux/amd64"), "example/tool:2");

    @TempDir
    Path dir;

    @Test
    void skopeoSyncFetchesExactlyTheDiscoveredImages() throws IOException {
        Path context = dir.resolve("ctx");
        Files.createDirectories(context.resolve("manifests"));
        Files.writeString(context.resolve("Kubefile"), "FROM scratch\nCOPY manifests manifests\n");
        Files.writeString(context.resolve("manifests/app.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n"
                + "  name: web\nspec:\n  containers:\n  - name: web\n    image: " + REGISTRY.host() + "/library/web:1\n");
        Files.writeString(context.resolve("manifests/imageList"), REGISTRY.host() + "/example/tool:2\n");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new SealerCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), dir)
                .run("--root", dir.resolve("store").toString(), "discover", "-o", "skopeo-sync", "ctx");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Path yaml = Files.writeString(dir.resolve("images.yaml"), out.toString(StandardCharsets.UTF_8));

        Path fetched = dir.resolve("fetched");
        Processes.check(List.of("skopeo", "sync", "--all", "--src", "yaml", "--dest", "dir", yaml.toString(),
                fetched.toString()));

        try (Stream<Path> images = Files.walk(fetched).filter(p -> p.getFileName().toString().equals("manifest.json"))) {
            assertThat(images.map(p -> fetched.relativize(p.getParent()).toString()))
                    .containsExactlyInAnyOrder("web:1", "tool:2"); // skopeo sync keeps the last path component
        }
        assertThat(Files.exists(dir.resolve("store/data/overlay2"))).isTrue();
    }
}
