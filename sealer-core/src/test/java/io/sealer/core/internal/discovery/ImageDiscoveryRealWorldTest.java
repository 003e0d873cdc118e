package io.sealer.core.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.build.DiscoveryOptions;
import io.sealer.api.image.ImageReference;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery over manifests copied from operators' repositories and a chart's values (see realworld/README.md). */
class ImageDiscoveryRealWorldTest {
    @TempDir
    Path root;

    @Test
    void prometheusOperatorLaunchesTheConfigReloaderNamedInAFlag() throws Exception {
        copy("prometheus-operator/prometheus-operator-deployment.yaml");

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly(
                "quay.io/prometheus-operator/prometheus-config-reloader:v0.60.1",
                "quay.io/prometheus-operator/prometheus-operator:v0.60.1");
        assertThat(result.sourcesOf(
                ImageReference.parse("quay.io/prometheus-operator/prometheus-config-reloader:v0.60.1")))
                .containsExactly("manifests/prometheus-operator-deployment.yaml:29");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void strimziNamesTheImagesItLaunchesInEnvValues() throws Exception {
        copy("strimzi/060-Deployment-strimzi-cluster-operator.yaml");

        DiscoveryResult result = discover();

        // The multi-line STRIMZI_KAFKA_*_IMAGES maps ("3.2.0=quay.io/...") are not one reference: not taken.
        assertThat(result.fullNames()).containsExactly(
                "quay.io/strimzi/jmxtrans:0.32.0",
                "quay.io/strimzi/kafka-bridge:0.22.3",
                "quay.io/strimzi/kafka:0.32.0-kafka-3.3.1",
                "quay.io/strimzi/kaniko-executor:0.32.0",
                "quay.io/strimzi/maven-builder:0.32.0",
                "quay.io/strimzi/operator:0.32.0");
        String file = "manifests/060-Deployment-strimzi-cluster-operator.yaml:";
        assertThat(result.sourcesOf(ImageReference.parse("quay.io/strimzi/operator:0.32.0")))
                .containsExactly(file + 30, file + 81, file + 83, file + 85);
        assertThat(result.sourcesOf(ImageReference.parse("quay.io/strimzi/kafka:0.32.0-kafka-3.3.1")))
                .containsExactly(file + 51, file + 53, file + 55);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void tidbComponentsTakeTheClusterVersionOrTheirOwn() throws Exception {
        copy("tidb-operator/tidb-cluster.yaml");
        copy("tidb-operator/tidb-monitor.yaml");

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly(
                "docker.io/grafana/grafana:7.5.7",
                "docker.io/pingcap/pd:v5.2.0",
                "docker.io/pingcap/tidb-monitor-initializer:v5.2.0",
                "docker.io/pingcap/tidb-monitor-reloader:v1.0.1",
                "docker.io/pingcap/tidb:v5.2.0",
                "docker.io/pingcap/tikv:v5.2.0",
                "docker.io/prom/prometheus:v2.18.1");
        assertThat(result.sourcesOf(ImageReference.parse("pingcap/pd:v5.2.0")))
                .containsExactly("manifests/tidb-cluster.yaml:16");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void tidbClusterWithoutAVersionWarnsInsteadOfCachingLatest() throws Exception {
        copy("tidb-operator/tidb-cluster.yaml");
        Path cluster = root.resolve("manifests/tidb-cluster.yaml");
        Files.writeString(cluster, Files.readString(cluster).replace("  version: v5.2.0\n", ""));

        DiscoveryResult result = discover();

        assertThat(result.images()).isEmpty();
        assertThat(result.warnings()).containsExactly(
                "manifests/tidb-cluster.yaml:15: skipped spec.pd.baseImage \"pingcap/pd\": it names no tag and there "
                        + "is no version beside it or in the parent mapping",
                "manifests/tidb-cluster.yaml:23: skipped spec.tikv.baseImage \"pingcap/tikv\": it names no tag and "
                        + "there is no version beside it or in the parent mapping",
                "manifests/tidb-cluster.yaml:40: skipped spec.tidb.baseImage \"pingcap/tidb\": it names no tag and "
                        + "there is no version beside it or in the parent mapping");
    }

    @Test
    void bitnamiValuesSkipTheImagesOfComponentsSwitchedOff() throws Exception {
        copy("bitnami/redis/values.yaml");

        DiscoveryResult result = discover();

        assertThat(result.fullNames()).containsExactly("docker.io/bitnami/kubectl:1.33.4-debian-12-r0",
                "docker.io/bitnami/redis:8.2.1-debian-12-r0");
        assertThat(result.warnings()).containsExactly(
                "manifests/values.yaml:352: component switched off (enabled: false); not caching its image "
                        + "docker.io/bitnami/redis-sentinel:8.2.1-debian-12-r0",
                "manifests/values.yaml:529: component switched off (enabled: false); not caching its image "
                        + "docker.io/bitnami/redis-exporter:1.76.0-debian-12-r0",
                "manifests/values.yaml:637: component switched off (enabled: false); not caching its image "
                        + "docker.io/bitnami/os-shell:12-debian-12-r51",
                "manifests/values.yaml:676: component switched off (enabled: false); not caching its image "
                        + "docker.io/bitnami/os-shell:12-debian-12-r51");
    }

    private DiscoveryResult discover() {
        return new ImageDiscovery(DiscoveryOptions.defaults()).discover(root);
    }

    private void copy(String fixture) throws IOException, URISyntaxException {
        Path source = Path.of(getClass().getClassLoader().getResource("realworld/" + fixture).toURI());
        Path target = root.resolve("manifests").resolve(source.getFileName().toString());
        Files.createDirectories(target.getParent());
        Files.copy(source, target);
    }
}
