package io.sealer.core.internal.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.build.BuildRequest;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import io.sealer.core.SealerClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADD of local sources builds exactly the layer COPY builds (sealos' image-cri-shim Kubefile uses ADD so). */
class AddInstructionBuildTest {
    @TempDir
    Path tmp;

    private ClusterImage build(String name, String kubefile) throws IOException {
        Path ctx = Files.createDirectories(tmp.resolve(name));
        Files.writeString(ctx.resolve("Kubefile"), kubefile);
        Files.writeString(ctx.resolve("image-cri-shim"), "#!/bin/sh\necho shim\n");
        Files.writeString(ctx.resolve("cfg.yaml"), "shim: /var/run/image-cri-shim.sock\n");
        Files.write(ctx.resolve("bundle.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});
        try (SealerClient client = SealerClient.builder().storeRoot(tmp.resolve("store-" + name))
                .platform(Platform.LINUX_AMD64).build()) {
            return client.builds().build(BuildRequest.builder(ctx).cacheImages(false).tag(name + ":1").build())
                    .get(0);
        }
    }

    @Test
    void addOfLocalFilesGivesTheLayersCopyGives() throws IOException {
        ClusterImage added = build("add", """
                FROM scratch
                ADD image-cri-shim cri/image-cri-shim
                ADD cfg.yaml etc/image-cri-shim.yaml.tmpl
                ADD bundle.tar.gz opt/
                """);
        ClusterImage copied = build("copy", """
                FROM scratch
                COPY image-cri-shim cri/image-cri-shim
                COPY cfg.yaml etc/image-cri-shim.yaml.tmpl
                COPY bundle.tar.gz opt/
                """);

        assertThat(added.layers()).extracting(Layer::type).containsExactly("COPY", "COPY", "COPY");
        assertThat(added.layers()).extracting(Layer::id)
                .doesNotContainNull()
                .containsExactlyElementsOf(copied.layers().stream().map(Layer::id).toList());
        Path archive = tmp.resolve("store-add/data/overlay2").resolve(added.layers().get(2).hex().orElseThrow())
                .resolve("opt/bundle.tar.gz");
        assertThat(archive).as("a local archive is copied, not unpacked").isRegularFile();
    }
}
