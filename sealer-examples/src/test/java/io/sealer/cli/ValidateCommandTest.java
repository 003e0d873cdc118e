package io.sealer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sealer validate} on the real files of sealer-core's test fixtures ({@code real-files/}, sources in its
 * README) and on the shapes they miss: files without a Cluster, files of other tools, the whole model as JSON with
 * its secrets masked.
 */
class ValidateCommandTest {
    /** sealer-core's fixtures, from this module's directory (where Maven runs the tests). */
    private static final Path REAL_FILES = Path.of("..", "sealer-core", "src", "test", "resources", "real-files");

    @TempDir
    Path dir;

    private Cli.Result validate(String... args) {
        String[] all = Stream.concat(Stream.of("validate"), Stream.of(args)).toArray(String[]::new);
        return Cli.in(dir).env(Map.of("SEALER_ROOT", dir.resolve("store").toString())).run(all);
    }

    private static String real(String relative) {
        Path file = REAL_FILES.resolve(relative).toAbsolutePath().normalize();
        assertThat(file).as("fixture %s", relative).isRegularFile();
        return file.toString();
    }

    private static Stream<String> realFiles(String subdir) throws IOException {
        try (Stream<Path> files = Files.list(REAL_FILES.resolve(subdir))) {
            return files.map(f -> subdir + "/" + f.getFileName()).sorted().toList().stream();
        }
    }

    static Stream<String> pluginFiles() throws IOException {
        return realFiles("documents");
    }

    @ParameterizedTest
    @MethodSource("pluginFiles")
    void filesOfPluginConfigOrKubeadmDocumentsAreValid(String fixture) throws IOException {
        Cli.Result result = validate("--json", real(fixture));
        assertThat(result.code()).as(result.out() + result.err()).isZero();
        JsonNode file = new ObjectMapper().readTree(result.out()).get(0);
        assertThat(file.get("type").asText()).isEqualTo("ClusterDocuments");
        assertThat(file.at("/model/cluster").isNull()).isTrue();
        JsonNode model = file.get("model");
        assertThat(model.get("plugins").size() + model.get("configs").size() + model.get("kubeadmDocuments").size())
                .isPositive();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "other/empty|not a Kubefile or Clusterfile (the file is empty)",
        "other/sealer-kube-nginx-deployment.yaml|not a Kubefile or Clusterfile (it holds kind Deployment (apps/v1))",
        "other/sealos-user-controller-kubeconfig.yaml|not a Kubefile or Clusterfile (it holds a kubeconfig)"})
    void filesOfOtherToolsAreNotKubefilesOrClusterfiles(String fixture, String problem) {
        String file = real(fixture);
        Cli.Result result = validate(file);
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).isEqualTo(file + ": " + problem + System.lineSeparator());
        assertThat(result.out()).doesNotContain("instruction").doesNotContain("FROM");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "comments only|# just a comment\\n\\n   # another\\n",
        "a document marker|---\\n",
        "YAML without kind|replicas: 3\\nimage: nginx\\n",
        "a YAML list|- a\\n- b\\n",
        "JSON|{\"kind\": \"Cluster\"}\\n"})
    void textThatIsNeitherIsSaidSo(String what, String content) throws IOException {
        Files.writeString(dir.resolve("file"), content.replace("\\n", "\n"));
        Cli.Result result = validate("file");
        assertThat(result.code()).as(what).isEqualTo(1);
        assertThat(result.out()).as(what).startsWith("file: not a Kubefile or Clusterfile (")
                .doesNotContain("no instructions").doesNotContain("unknown instruction");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "clusterfile/sealer-v0.5.2-config_plugin_for_test.yaml|:21: documents[0].spec.provider: \"ALI_CLOUD\" asks"
                + " sealer to create the hosts (Alibaba Cloud ECS instances): provisioning hosts is not supported;"
                + " list the hosts' IPs",
        "clusterfile/sealer-v0.5.2-openebs-example-Clusterfile.yaml|:28: documents[0].spec.provider: \"CONTAINER\"",
        "clusterfile/sealer-v0.5.2-rootfs-etc-Clusterfile-without-provider.yaml|:21: documents[0].spec.masters.count:",
        "kubefile/cluster-image-php-custom-7.2-fpm.Dockerfile|:11: ADD source \"https://github.com/"})
    void realFilesThatAskForWhatIsNotSupportedNameTheLineAndField(String fixture, String problem) {
        String file = real(fixture);
        Cli.Result result = validate(file);
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).startsWith(file + problem);
    }

    @Test
    void realKubefilesAndClusterfilesWithOldFormsAreValidWithWarnings() {
        Cli.Result result = validate("--syntax-only", real("kubefile/sealos-image-cri-shim-README-add.Kubefile"),
                real("kubefile/constructed-from-platform-quoted.Kubefile"),
                real("clusterfile/sealer-v0.4.0-plugin-test_clusterfile.yaml"),
                real("clusterfile/sealer-v0.8.6-config-test_clusterfile.yaml"));
        assertThat(result.code()).as(result.out()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("warning: ").contains("documents[1].spec.type: is missing")
                .contains("a LABEL plugin runs at PostInstall").contains("lists no hosts");
    }

    @Test
    void jsonHoldsEveryValueOfAClusterfileAndNoSecret() throws IOException {
        Files.writeString(dir.resolve("Clusterfile"), """
                apiVersion: sealer.io/v2
                kind: Cluster
                metadata:
                  name: demo
                spec:
                  image: kubernetes:v1.19.8
                  env: [RegistryPassword=envs3cret, PodCIDR=100.64.0.0/10]
                  ssh: {user: root, passwd: "000000", pk: /root/.ssh/id_rsa, pkPasswd: k3ypass, port: "2222"}
                  hosts:
                  - ips: [192.168.0.2]
                    roles: [master]
                    ssh: {passwd: h0stpass}
                  - ips: [192.168.0.3-192.168.0.4]
                    roles: [node, db]
                    labels: {disk: ssd}
                  registry:
                    localRegistry: {domain: hub.local, port: 5001, username: admin, password: r3gpass}
                    externalRegistry: {domain: harbor.example.com, username: bob, password: 3xtpass}
                ---
                apiVersion: sealer.io/v1
                kind: Plugin
                metadata: {name: hostname}
                spec: {type: HOSTNAME, action: PreInit, data: "192.168.0.2 master-0\\n"}
                ---
                apiVersion: kubeadm.k8s.io/v1beta3
                kind: InitConfiguration
                bootstrapTokens:
                - token: abcdef.0123456789abcdef
                  ttl: 24h0m0s
                certificateKey: c3rtkey
                """);
        Cli.Result result = validate("--json", "Clusterfile");
        assertThat(result.code()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).doesNotContain("000000").doesNotContain("k3ypass").doesNotContain("h0stpass")
                .doesNotContain("r3gpass").doesNotContain("3xtpass").doesNotContain("envs3cret")
                .doesNotContain("0123456789abcdef").doesNotContain("c3rtkey");

        JsonNode file = new ObjectMapper().readTree(result.out()).get(0);
        assertThat(file.get("type").asText()).isEqualTo("Clusterfile");
        JsonNode cluster = file.at("/model/cluster");
        assertThat(cluster.get("name").asText()).isEqualTo("demo");
        assertThat(cluster.get("image").asText()).isEqualTo("kubernetes:v1.19.8");
        assertThat(cluster.at("/ssh/user").asText()).isEqualTo("root");
        assertThat(cluster.at("/ssh/password").asText()).isEqualTo("***");
        assertThat(cluster.at("/ssh/privateKey").asText()).isEqualTo("/root/.ssh/id_rsa");
        assertThat(cluster.at("/ssh/privateKeyPassword").asText()).isEqualTo("***");
        assertThat(cluster.at("/ssh/port").asInt()).isEqualTo(2222);
        assertThat(cluster.at("/env/PodCIDR").asText()).isEqualTo("100.64.0.0/10");
        assertThat(cluster.at("/env/RegistryPassword").asText()).isEqualTo("***");
        assertThat(cluster.at("/env/RegistryURL").asText()).isEqualTo("harbor.example.com");
        assertThat(cluster.at("/hosts/0/ssh/password").asText()).isEqualTo("***");
        assertThat(cluster.at("/hosts/1/ips").toString()).isEqualTo("[\"192.168.0.3\",\"192.168.0.4\"]");
        assertThat(cluster.at("/hosts/1/roles").toString()).isEqualTo("[\"node\",\"db\"]");
        assertThat(cluster.at("/hosts/1/labels/disk").asText()).isEqualTo("ssd");
        assertThat(cluster.at("/hosts/1/ssh/password").asText()).as("merged from the cluster's").isEqualTo("***");
        assertThat(cluster.at("/registry/localRegistry/domain").asText()).isEqualTo("hub.local");
        assertThat(cluster.at("/registry/localRegistry/port").asInt()).isEqualTo(5001);
        assertThat(cluster.at("/registry/localRegistry/username").asText()).isEqualTo("admin");
        assertThat(cluster.at("/registry/localRegistry/password").asText()).isEqualTo("***");
        assertThat(cluster.at("/registry/externalRegistry/password").asText()).isEqualTo("***");
        assertThat(cluster.at("/dataRoot").asText()).isEqualTo("/var/lib/sealer/data");
        assertThat(file.at("/model/plugins/0/type").asText()).isEqualTo("HOSTNAME");
        assertThat(file.at("/model/plugins/0/actions/0").asText()).isEqualTo("PreInit");
        assertThat(file.at("/model/plugins/0/data").asText()).isEqualTo("192.168.0.2 master-0\n");
        JsonNode init = file.at("/model/kubeadmDocuments/0");
        assertThat(init.get("kind").asText()).isEqualTo("InitConfiguration");
        assertThat(init.at("/content/bootstrapTokens/0/token").asText()).isEqualTo("***");
        assertThat(init.at("/content/bootstrapTokens/0/ttl").asText()).isEqualTo("24h0m0s");
        assertThat(init.at("/content/certificateKey").asText()).isEqualTo("***");
    }

    @Test
    void jsonHoldsEveryValueOfAKubefileAndNoSecret() throws IOException {
        Files.writeString(dir.resolve("Kubefile"), """
                FROM --platform=[linux/amd64,linux/arm64] kubernetes:v1.19.8
                ADD --chmod=0755 image-cri-shim cri/image-cri-shim
                COPY ["imageList", "manifests"]
                ENV registryDomain=sealos.hub \\
                    registryPassword=passw0rd
                APP nginx local://nginx.yaml
                LAUNCH ["nginx"]
                """);
        Cli.Result result = validate("--json", "--syntax-only", "Kubefile");
        assertThat(result.code()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).doesNotContain("passw0rd");

        JsonNode instructions = new ObjectMapper().readTree(result.out()).get(0).at("/model/instructions");
        assertThat(instructions.findValuesAsText("instruction"))
                .containsExactly("FROM", "ADD", "COPY", "ENV", "APP", "LAUNCH");
        JsonNode from = instructions.get(0);
        assertThat(from.get("line").asInt()).isEqualTo(1);
        assertThat(from.get("image").asText()).isEqualTo("kubernetes:v1.19.8");
        assertThat(from.at("/platforms/1/architecture").asText()).isEqualTo("arm64");
        assertThat(from.get("stageName").isNull()).isTrue();
        JsonNode add = instructions.get(1);
        assertThat(add.at("/sources/0").asText()).isEqualTo("image-cri-shim");
        assertThat(add.get("destination").asText()).isEqualTo("cri/image-cri-shim");
        assertThat(add.at("/flags/chmod").asText()).isEqualTo("0755");
        assertThat(instructions.at("/2/destination").asText()).isEqualTo("manifests");
        JsonNode env = instructions.get(3);
        assertThat(env.at("/variables/registryDomain").asText()).isEqualTo("sealos.hub");
        assertThat(env.at("/variables/registryPassword").asText()).isEqualTo("***");
        assertThat(env.get("original").asText()).contains("registryDomain=sealos.hub")
                .contains("registryPassword=***");
        assertThat(instructions.at("/4/name").asText()).isEqualTo("nginx");
        assertThat(instructions.at("/4/sources/0").asText()).isEqualTo("local://nginx.yaml");
        assertThat(instructions.at("/5/apps/0").asText()).isEqualTo("nginx");
    }
}
