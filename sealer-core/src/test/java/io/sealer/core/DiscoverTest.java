package io.sealer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.BuildException;
import io.sealer.api.build.BuildRequest;
import io.sealer.api.build.DiscoveredImages;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code builds().discover}: what a build would cache, without building or pulling. */
class DiscoverTest {
    @TempDir
    Path tmp;

    private SealerClient client() {
        return SealerClient.builder().storeRoot(tmp.resolve("store")).platform(Platform.LINUX_AMD64)
                .adapterClassLoader(new ClassLoader(null) { }).build();
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void findsWhatTheCopiesBringForEveryPlatformWithoutBuilding() throws IOException {
        Path ctx = tmp.resolve("ctx");
        write(ctx.resolve("Kubefile"), "FROM scratch\nCOPY deploy/${ARCH} manifests\nCOPY . .\nRUN echo hi > x\n"
                + "COPY list/imageList manifests\n");
        write(ctx.resolve("deploy/amd64/a.yaml"), "image: nginx:1.25\n");
        write(ctx.resolve("deploy/arm64/a.yaml"), "image: busybox:1.36\n");
        write(ctx.resolve("charts/web/Chart.yaml"), "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        write(ctx.resolve("charts/web/values.yaml"), "image: quay.io/org/web:2\n");
        write(ctx.resolve("charts/web/templates/d.yaml"), "kind: Pod\nspec:\n  containers:\n"
                + "  - image: {{ .Values.image }}\n");
        write(ctx.resolve("etc/not-searched.yaml"), "image: should/not:appear\n");
        write(ctx.resolve("list/imageList"), "ghcr.io/kyverno/kyverno:v1.5.1\n");

        DiscoveredImages found;
        try (SealerClient sealer = client()) {
            found = sealer.builds().discover(BuildRequest.builder(ctx)
                    .platforms(Platform.LINUX_AMD64, Platform.LINUX_ARM64).build());
            assertThat(sealer.images().list()).isEmpty();
        }

        assertThat(found.images()).extracting(ImageReference::fullName).containsExactly(
                "docker.io/library/busybox:1.36", "docker.io/library/nginx:1.25", "ghcr.io/kyverno/kyverno:v1.5.1",
                "quay.io/org/web:2");
        assertThat(found.sourcesOf(ImageReference.parse("nginx:1.25"))).containsExactly("manifests/amd64/a.yaml:1");
        assertThat(found.warnings()).anySatisfy(w -> assertThat(w).contains("Kubefile:4").contains("RUN"));
        assertThat(tmp.resolve("store/tmp")).isEmptyDirectory();
    }

    @Test
    void imagesTheBaseImageCachesAreLeftOutAsTheBuildLeavesThem() throws IOException {
        Path base = tmp.resolve("base");
        write(base.resolve("Kubefile"), "FROM scratch\nCOPY manifests manifests\n");
        write(base.resolve("manifests/base.yaml"), "image: nginx:1.25\n");
        Path app = tmp.resolve("app");
        write(app.resolve("Kubefile"), "FROM base:1\nCOPY manifests manifests\n");
        write(app.resolve("manifests/app.yaml"), "image: nginx:1.25\n---\nimage: redis:7\n");
        try (SealerClient sealer = client()) {
            sealer.builds().build(BuildRequest.builder(base).tag("base:1").cacheImages(false).build());

            assertThat(sealer.builds().discover(BuildRequest.builder(app).build()).images())
                    .extracting(ImageReference::fullName).containsExactly("docker.io/library/redis:7");
        }
    }

    @Test
    void aMissingCopySourceNamesTheKubefileLine() throws IOException {
        Path ctx = tmp.resolve("ctx");
        write(ctx.resolve("Kubefile"), "FROM scratch\nCOPY nothing-here manifests\n");
        try (SealerClient sealer = client()) {
            assertThatThrownBy(() -> sealer.builds().discover(BuildRequest.builder(ctx).build()))
                    .isInstanceOf(BuildException.class).hasMessageContaining("Kubefile:2")
                    .hasMessageContaining("nothing-here");
        }
    }
}
