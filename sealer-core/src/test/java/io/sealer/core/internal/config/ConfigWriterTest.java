package io.sealer.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sealer.api.ClusterfileException;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.ConfigSpec;
import io.sealer.core.internal.clusterfile.ClusterfileParser;
import io.sealer.core.internal.clusterfile.YamlTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWriterTest {
    private static final String SOURCE = "Clusterfile";

    @TempDir
    Path rootfs;
    @TempDir
    Path elsewhere;

    private final ConfigWriter writer = new ConfigWriter();
    private final YamlTrees trees = new YamlTrees();

    private static ConfigSpec config(String name, String path, String strategy, String process, String data) {
        return new ConfigSpec(name, path, "", strategy,
                process.isEmpty() ? List.of() : List.of(process.split("\\|")), data);
    }

    private ConfigWriteResult write(ConfigSpec... configs) {
        return writer.write(SOURCE, List.of(configs), rootfs);
    }

    private String read(String relative) throws IOException {
        return Files.readString(rootfs.resolve(relative));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** sealer's {@code pkg/config/pre_process_test.go TestNewProcessorsAndRun}. */
    @Test
    void processorsReproduceTheUpstreamTest() throws IOException {
        ConfigWriteResult result = write(config("secret-config", "etc/secret.yaml", "",
                "value|toJson|toBase64|toSecret", "\nconfig:\n  username: root\n  passwd: xxx\n"));

        assertThat(read("etc/secret.yaml"))
                .isEqualTo("config: " + base64("{\"passwd\":\"xxx\",\"username\":\"root\"}") + "\n");
        assertThat(result.written()).containsExactly(Path.of("etc/secret.yaml"));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void withoutValueTheWholeDataIsConverted() throws IOException {
        write(config("json", "etc/a.json", "", "toJson", "b: 2\na: [x, 1, true]\n"),
                config("b64", "etc/a.b64", "", "toBase64", "plain text\n"),
                config("both", "etc/a.both", "", "toJson|toBase64", "k: v\n"));

        assertThat(read("etc/a.json")).isEqualTo("{\"a\":[\"x\",1,true],\"b\":2}");
        assertThat(read("etc/a.b64")).isEqualTo(base64("plain text\n"));
        assertThat(read("etc/a.both")).isEqualTo(base64("{\"k\":\"v\"}"));
    }

    /** sealer main's {@code pkg/config/config_test.go Test_getMergeConfig}. */
    @Test
    void mergeReproducesTheUpstreamTest() throws IOException {
        Files.createDirectories(rootfs.resolve("manifests"));
        Files.writeString(rootfs.resolve("manifests/cm.yaml"), """
                apiVersion: v1
                data:
                  key1: myConfigMap1
                kind: ConfigMap
                metadata:
                  name: myConfigMap1
                ---
                apiVersion: v1
                data:
                  key2: myConfigMap2
                kind: ConfigMap
                metadata:
                  name: myConfigMap2
                ---
                apiVersion: v1
                data:
                  key3: myConfigMap3
                kind: ConfigMap
                metadata:
                  name: myConfigMap3
                """);

        write(config("cm", "manifests/cm.yaml", "merge", "",
                "data:\n  test-key: test-value\nmetadata:\n  namespace: test-namespace\n"));

        String merged = read("manifests/cm.yaml");
        assertThat(merged.split("(?m)^---\n")).hasSize(3);
        List<Object> documents = trees.read("merged", merged);
        for (int i = 1; i <= 3; i++) {
            assertThat(documents.get(i - 1)).isEqualTo(Map.of("apiVersion", "v1",
                    "data", Map.of("key" + i, "myConfigMap" + i, "test-key", "test-value"),
                    "kind", "ConfigMap",
                    "metadata", Map.of("name", "myConfigMap" + i, "namespace", "test-namespace")));
        }
        assertThat(merged).startsWith("apiVersion: v1\ndata:\n  key1: myConfigMap1\n  test-key: test-value\n");
    }

    @Test
    void mergeAddsKeysReplacesScalarsAndListsAndRecursesIntoMappings() throws IOException {
        Files.createDirectories(rootfs.resolve("charts/app"));
        Files.writeString(rootfs.resolve("charts/app/values.yaml"), """
                # comments do not survive a merge
                image:
                  repository: nginx
                  tag: "1.20"
                  pullPolicy: IfNotPresent
                replicas: 1
                enabled: true
                args: [a, b, c]
                resources:
                  limits: {cpu: 100m}
                """);

        write(config("values", "charts/app/values.yaml", "merge", "", """
                image:
                  tag: "1.25"
                replicas: 3
                enabled: false
                args: [z]
                resources: {}
                extra: {new: key}
                """));

        assertThat(trees.read("merged", read("charts/app/values.yaml")).get(0)).isEqualTo(Map.of(
                "image", Map.of("repository", "nginx", "tag", "1.25", "pullPolicy", "IfNotPresent"),
                "replicas", 3L, "enabled", false, "args", List.of("z"),
                "resources", Map.of("limits", Map.of("cpu", "100m")), "extra", Map.of("new", "key")));
        assertThat(read("charts/app/values.yaml")).contains("tag: \"1.25\"");
    }

    @Test
    void mergeIntoAMissingOrEmptyFileWritesTheData() throws IOException {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/empty.yaml"), "---\n");

        write(config("missing", "etc/missing.yaml", "merge", "", "a: 1\n"),
                config("empty", "etc/empty.yaml", "merge", "", "b: 2\n"));

        assertThat(read("etc/missing.yaml")).isEqualTo("a: 1\n");
        assertThat(read("etc/empty.yaml")).isEqualTo("b: 2\n");
    }

    /** sealer main's {@code Test_convertSecretYaml} (the file exists). */
    @Test
    void toSecretSetsTheDataIntoTheExistingSecretBase64Encoded() throws IOException {
        Files.createDirectories(rootfs.resolve("manifests"));
        Files.writeString(rootfs.resolve("manifests/secret.yaml"), """
                apiVersion: v1
                data:
                kind: Secret
                metadata:
                  name: gu-demo-configuration
                  namespace: default
                type: Opaque
                """);
        String global = "e2FiYzogeHh4fQo=";
        String components = "e215c3FsOntjcHU6e3JlcXVlc3Q6IDEwMDBtfX19Cg==";

        write(config("secret", "manifests/secret.yaml", "", "toSecret",
                "global: " + global + "\ncomponents: " + components));

        assertThat(trees.read("secret", read("manifests/secret.yaml")).get(0)).isEqualTo(Map.of(
                "apiVersion", "v1", "kind", "Secret", "type", "Opaque",
                "metadata", Map.of("name", "gu-demo-configuration", "namespace", "default"),
                "data", Map.of("components", "ZTIxNWMzRnNPbnRqY0hVNmUzSmxjWFZsYzNRNklERXdNREJ0ZlgxOUNnPT0=",
                        "global", "ZTJGaVl6b2dlSGg0ZlFvPQ==")));
        assertThat(read("manifests/secret.yaml")).contains("data:\n  components: ").contains("\n  global: ");
    }

    @Test
    void toSecretOnAMissingFileWritesTheDataAsItIs() throws IOException {
        write(config("secret", "manifests/new-secret.yaml", "", "toSecret", "password: s3cret\n"));

        assertThat(read("manifests/new-secret.yaml")).isEqualTo("password: s3cret\n");
    }

    @Test
    void toSecretNeedsASecretAndNeverShowsTheData() throws IOException {
        Files.createDirectories(rootfs.resolve("manifests"));
        Files.writeString(rootfs.resolve("manifests/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\n");

        ClusterfileException e = catchThrowableOfType(ClusterfileException.class,
                () -> write(config("db-password", "manifests/cm.yaml", "", "toSecret", "password: hunter2\n")));

        assertThat(e.getMessage()).contains("Config \"db-password\" spec.process", "manifests/cm.yaml",
                "kind is ConfigMap").doesNotContain("hunter2");
        assertThat(read("manifests/cm.yaml")).isEqualTo("apiVersion: v1\nkind: ConfigMap\n");
    }

    @Test
    void overwriteReplacesTheFileAndCreatesParents() throws IOException {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/mysql.yaml"), "old: content\n");

        ConfigWriteResult result = write(config("mysql-config", "etc/mysql.yaml", "overwrite", "",
                        "mysql-user: root\n"),
                config("deep", "etc/a/b/c.conf", "", "", "x=1\n"));

        assertThat(read("etc/mysql.yaml")).isEqualTo("mysql-user: root\n");
        assertThat(read("etc/a/b/c.conf")).isEqualTo("x=1\n");
        assertThat(result.written()).containsExactly(Path.of("etc/mysql.yaml"), Path.of("etc/a/b/c.conf"));
    }

    @Test
    void appNamePutsThePathUnderTheApplicationsDirectory() throws IOException {
        ConfigWriteResult result = writer.write(SOURCE, List.of(new ConfigSpec("app", "values.yaml", "mysql", "",
                List.of(), "replicas: 2\n")), rootfs);

        assertThat(read("application/apps/mysql/values.yaml")).isEqualTo("replicas: 2\n");
        assertThat(result.written()).containsExactly(Path.of("application/apps/mysql/values.yaml"));
    }

    @Test
    void filesSharedWithTheImageStoreByHardLinkAreReplacedNeverWrittenInPlace() throws IOException {
        Path store = elsewhere.resolve("store-kubeadm.yml");
        Files.writeString(store, "a: 1\n");
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.createDirectories(rootfs.resolve("etc"));
        Path linked = rootfs.resolve("etc/kubeadm.yml");
        Files.createLink(linked, store);
        Files.createLink(rootfs.resolve("etc/other.yml"), store);

        write(config("merge", "etc/kubeadm.yml", "merge", "", "b: 2\n"),
                config("overwrite", "etc/other.yml", "", "", "c: 3\n"));

        assertThat(Files.readString(store)).isEqualTo("a: 1\n");
        assertThat(Files.isSameFile(store, linked)).isFalse();
        assertThat(read("etc/kubeadm.yml")).isEqualTo("a: 1\nb: 2\n");
        assertThat(read("etc/other.yml")).isEqualTo("c: 3\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(linked))).isEqualTo("r-xr-xr-x");
        try (var files = Files.list(rootfs.resolve("etc"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("kubeadm.yml",
                    "other.yml");
        }
    }

    @Test
    void configsApplyInOrder() throws IOException {
        write(config("first", "etc/x.yaml", "", "", "a: 1\n"), config("second", "etc/x.yaml", "merge", "", "b: 2\n"));

        assertThat(read("etc/x.yaml")).isEqualTo("a: 1\nb: 2\n");
    }

    @Test
    void pathsLeavingTheRootfsAreRefusedNamingTheConfigAndField() throws IOException {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createSymbolicLink(rootfs.resolve("etc/out"), elsewhere);
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), elsewhere.resolve("passwd"));
        Files.writeString(elsewhere.resolve("passwd"), "root:x:0:0\n");

        for (String path : List.of("/etc/passwd", "../x.yaml", "etc/../../x.yaml", "etc/out/x.yaml", "etc/passwd")) {
            assertThatThrownBy(() -> write(config("bad", path, "", "", "a: 1\n")))
                    .as(path).isInstanceOf(ClusterfileException.class)
                    .hasMessageStartingWith(SOURCE + ": Config \"bad\" spec.path: ");
        }
        assertThat(Files.readString(elsewhere.resolve("passwd"))).isEqualTo("root:x:0:0\n");
        try (var files = Files.list(elsewhere)) {
            assertThat(files).containsExactly(elsewhere.resolve("passwd"));
        }
    }

    @Test
    void symbolicLinksInsideTheRootfsAreFollowed() throws IOException {
        Files.createDirectories(rootfs.resolve("etc/real"));
        Files.createSymbolicLink(rootfs.resolve("etc/alias"), rootfs.resolve("etc/real"));

        ConfigWriteResult result = write(config("linked", "etc/alias/x.conf", "", "", "x\n"));

        assertThat(read("etc/real/x.conf")).isEqualTo("x\n");
        assertThat(result.written()).containsExactly(Path.of("etc/real/x.conf"));
    }

    @Test
    void unnamedConfigsAreNamedByPosition() {
        assertThatThrownBy(() -> write(config("ok", "a", "", "", "x"), config("", "", "", "", "x")))
                .isInstanceOf(ClusterfileException.class)
                .hasMessageContaining("Config #2 (no metadata.name) spec.path: is empty");
        assertThatThrownBy(() -> writer.write(SOURCE, List.of(new ConfigSpec("app", "x", "../etc", "", List.of(),
                "x")), rootfs)).hasMessageContaining("Config \"app\" spec.appName");
    }

    @Test
    void unknownProcessorsAndStrategiesAreWarnedAboutAndTheFileIsStillWritten() throws IOException {
        ConfigWriteResult result = write(config("odd", "etc/x", "replace", "toYaml|toBase64", "abc"));

        assertThat(read("etc/x")).isEqualTo(base64("abc"));
        assertThat(result.warnings()).containsExactly(
                "Config \"odd\": spec.strategy \"replace\" is neither merge nor overwrite; the file is overwritten",
                "Config \"odd\": spec.process: unknown processor \"toYaml\" skipped (known: value, toJson, toBase64,"
                        + " toSecret)");
    }

    @Test
    void mergeFailuresNameTheConfigTheFileAndTheLine() throws IOException {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/bad.yaml"), "a: 1\nb: [\n");
        Files.writeString(rootfs.resolve("etc/list.yaml"), "- a\n- b\n");

        assertThatThrownBy(() -> write(config("bad", "etc/bad.yaml", "merge", "", "a: 2\n")))
                .isInstanceOf(ClusterfileException.class)
                .hasMessageContaining("Config \"bad\" spec.path: etc/bad.yaml line")
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> write(config("list", "etc/list.yaml", "merge", "", "a: 2\n")))
                .hasMessageContaining("Config \"list\" spec.strategy: merge needs every document of etc/list.yaml");
        assertThatThrownBy(() -> write(config("data", "etc/list.yaml", "merge", "", "- just\n- a list\n")))
                .hasMessageContaining("Config \"data\" spec.data: strategy merge needs the data to be a YAML mapping");
        assertThatThrownBy(() -> write(config("b64", "etc/y", "", "value|toBase64", "k: {nested: map}\n")))
                .hasMessageContaining("Config \"b64\" spec.data.k: toBase64 needs a string value, found a mapping");
    }

    @Test
    void writesTheConfigsOfAParsedClusterfile() throws IOException {
        Clusterfile clusterfile = new ClusterfileParser().parse("my-Clusterfile", """
                apiVersion: sealer.io/v2
                kind: Cluster
                metadata: {name: my-cluster}
                spec:
                  image: kubernetes:v1.22.15
                  hosts:
                    - ips: [192.168.0.2]
                      roles: [master]
                ---
                apiVersion: sealer.io/v1
                kind: Config
                metadata:
                  name: mysql-config
                spec:
                  path: etc/mysql.yaml
                  process: value|toJson
                  data: |
                    mysql: {user: root}
                """);

        ConfigWriteResult result = writer.write(clusterfile, rootfs);

        assertThat(read("etc/mysql.yaml")).isEqualTo("mysql: \"{\\\"user\\\":\\\"root\\\"}\"\n");
        assertThat(result.written()).containsExactly(Path.of("etc/mysql.yaml"));
    }
}
