package io.sealer.registry.internal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealer.api.RegistryException;
import io.sealer.api.image.Application;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageConfig;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealerImageConfigTest {
    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);

    private static ClusterImage image() {
        ImageConfig config = new ImageConfig(Map.of("k", "v"), Map.of("cluster.alpha.sealer.io/kube-version", "1.19"),
                Map.of("Z", "1", "A", "2"), List.of("kubectl apply -f x"), List.of("parent cmd"),
                List.of(new Application("app", "helm", List.of("chart"), Map.of("E", "1"), List.of())),
                List.of("app"), "me");
        return new ClusterImage("docker.io/library/x:1", "sha256:" + "c".repeat(64), new Platform("linux", "arm", "v7"),
                List.of(new Layer(A, "COPY", "a b", 10), new Layer(null, "RUN", "true", 0),
                        new Layer(B, Layer.TYPE_BASE, Layer.REGISTRY_CACHE, 20)),
                config, List.of("docker.io/library/nginx:1"), Instant.parse("2024-01-02T03:04:05Z"));
    }

    @Test
    void roundTripsEverySealerFieldAndIsAValidOciConfig() throws Exception {
        byte[] json = SealerImageConfig.toJson(image());
        assertThat(SealerImageConfig.toJson(image())).as("deterministic").isEqualTo(json);

        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.path("architecture").asText()).isEqualTo("arm");
        assertThat(root.path("variant").asText()).isEqualTo("v7");
        assertThat(root.at("/rootfs/diff_ids")).extracting(JsonNode::asText).containsExactly(A, B);
        assertThat(root.path("history")).hasSize(3);
        assertThat(root.at("/history/1/empty_layer").asBoolean()).isTrue();
        assertThat(root.at("/config/Env")).extracting(JsonNode::asText).containsExactly("A=2", "Z=1");

        ClusterImage parsed = SealerImageConfig.parse("x", "sha256:d", json, "docker.io/library/y:2");
        ClusterImage original = image();
        assertThat(parsed.name()).isEqualTo("docker.io/library/y:2");
        assertThat(parsed.layers()).isEqualTo(original.layers());
        assertThat(parsed.config()).isEqualTo(original.config());
        assertThat(parsed.containerImages()).isEqualTo(original.containerImages());
        assertThat(parsed.platform()).isEqualTo(original.platform());
        assertThat(parsed.created()).isEqualTo(original.created());
    }

    @Test
    void aPlainContainerImageConfigIsRejectedNamingTheBlob() {
        byte[] plain = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SealerImageConfig.parse("reg/x:1", "sha256:cfg", plain, "reg/x:1"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("reg/x:1")
                .hasMessageContaining("sha256:cfg")
                .hasMessageContaining("not a cluster image");
    }

    @Test
    void diffIdsThatDisagreeWithTheLayersAreRejected() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(SealerImageConfig.toJson(image()));
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("rootfs")).putArray("diff_ids").add(B).add(A);
        assertThatThrownBy(() -> SealerImageConfig.parse("x", "sha256:cfg", mapper.writeValueAsBytes(root), "x"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("inconsistent");
    }
}
