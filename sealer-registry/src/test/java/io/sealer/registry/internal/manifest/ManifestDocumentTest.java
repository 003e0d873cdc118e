package io.sealer.registry.internal.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.RegistryException;
import io.sealer.api.image.Platform;
import io.sealer.api.spi.RegistryManifest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestDocumentTest {
    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);
    private static final String C = "sha256:" + "c".repeat(64);
    private static final String D = "sha256:" + "d".repeat(64);

    private static ManifestDocument parse(String mediaType, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return ManifestDocument.parse("img", new RegistryManifest(mediaType, Digests.of(bytes), bytes));
    }

    private static String entry(String digest, String platform) {
        String[] p = platform.split("/");
        return "{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":10,"
                + "\"platform\":{\"os\":\"" + p[0] + "\",\"architecture\":\"" + p[1] + "\""
                + (p.length > 2 ? ",\"variant\":\"" + p[2] + "\"" : "") + "}}";
    }

    private final ManifestDocument list = parse(MediaTypes.DOCKER_MANIFEST_LIST, "{\"schemaVersion\":2,"
            + "\"manifests\":[" + entry(A, "linux/amd64") + "," + entry(B, "linux/arm64/v8") + ","
            + entry(C, "linux/arm/v7") + "," + entry(D, "linux/arm/v6") + "]}");

    @Test
    void selectsPlatformsWithArm64EqualToArm64V8() {
        assertThat(list.isIndex()).isTrue();
        assertThat(list.select(Platform.LINUX_AMD64)).get().extracting(Descriptor::digest).isEqualTo(A);
        assertThat(list.select(Platform.parse("linux/arm64"))).get().extracting(Descriptor::digest).isEqualTo(B);
        assertThat(list.select(Platform.parse("linux/arm64/v8"))).get().extracting(Descriptor::digest).isEqualTo(B);
        assertThat(list.select(Platform.parse("linux/arm/v6"))).get().extracting(Descriptor::digest).isEqualTo(D);
        assertThat(list.select(Platform.parse("linux/s390x"))).isEmpty();
        assertThat(list.platforms()).isEqualTo("linux/amd64, linux/arm64, linux/arm/v7, linux/arm/v6");
    }

    @Test
    void readsImageManifestsAndInfersTheTypeWhenTheRegistryGivesNone() {
        ManifestDocument image = parse("application/octet-stream", "{\"schemaVersion\":2,"
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + A
                + "\",\"size\":2},\"layers\":[{\"mediaType\":\"x\",\"digest\":\"" + B + "\",\"size\":3}]}");
        assertThat(image.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(image.isIndex()).isFalse();
        assertThat(image.blobs()).extracting(Descriptor::digest).containsExactly(A, B);
    }

    @Test
    void rejectsBadDigestsAndUnknownTypes() {
        assertThatThrownBy(() -> parse(MediaTypes.OCI_INDEX, "{\"manifests\":[{\"digest\":\"md5:x\"}]}"))
                .isInstanceOf(RegistryException.class).hasMessageContaining("md5:x");
        assertThatThrownBy(() -> parse("application/vnd.docker.distribution.manifest.v1+json", "{\"x\":1}"))
                .isInstanceOf(RegistryException.class).hasMessageContaining("unsupported media type");
        assertThatThrownBy(() -> parse(MediaTypes.OCI_INDEX, "not json")).hasMessageContaining("not valid JSON");
    }
}
