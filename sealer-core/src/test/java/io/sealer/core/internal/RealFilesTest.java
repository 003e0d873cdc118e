package io.sealer.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.sealer.api.ClusterfileException;
import io.sealer.api.KubefileException;
import io.sealer.api.cluster.ClusterDocuments;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.ConfigSpec;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.cluster.StructuredDocument;
import io.sealer.api.image.Platform;
import io.sealer.api.kubefile.Add;
import io.sealer.api.kubefile.Copy;
import io.sealer.api.kubefile.Instruction;
import io.sealer.api.kubefile.Kubefile;
import io.sealer.core.internal.clusterfile.ClusterfileParser;
import io.sealer.core.internal.kubefile.KubefileParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parsers on real Kubefiles, Clusterfiles and plugin files of sealer and sealos ({@code real-files/}, sources in
 * its README). Every fixture has exactly one expectation here, and every expectation its fixture.
 */
class RealFilesTest {
    private static final KubefileParser KUBEFILES = new KubefileParser();
    private static final ClusterfileParser CLUSTERFILES = new ClusterfileParser();

    static Path fixtures(String dir) {
        try {
            return Path.of(RealFilesTest.class.getResource("/real-files/" + dir).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Arguments ok(String file, Consumer<Kubefile> check) {
        return arguments(file, null, 0, check);
    }

    private static Arguments fails(String file, int line, String problem) {
        return arguments(file, problem, line, null);
    }

    static Stream<Arguments> kubefiles() {
        List<Platform> amdArm = List.of(Platform.LINUX_AMD64, Platform.LINUX_ARM64);
        Consumer<Kubefile> platformList = k -> {
            assertThat(k.from().platforms()).isEqualTo(amdArm);
            assertThat(k.from().isScratch()).isTrue();
            assertThat(keywords(k)).containsExactly("FROM", "COPY", "APP", "LAUNCH");
        };
        return Stream.of(
                ok("sealer-build_with_multi_arch.Kubefile", k -> {
                    assertThat(keywords(k)).containsExactly("FROM", "COPY", "APP", "LAUNCH");
                    assertThat(k.instructions(Copy.class).get(0).sources()).containsExactly("${ARCH}/bin");
                    assertThat(k.from().platforms()).isEmpty();
                }),
                ok("sealer-build_with_appcmds.Kubefile", k -> {
                    assertThat(k.apps()).extracting(a -> a.name()).containsExactly("yamlapp", "shellapp", "mixedapp");
                    assertThat(k.appCmds("mixedapp")).contains(List.of("kubectl apply -f app.yaml"));
                    assertThat(k.launch().orElseThrow().apps()).containsExactly("mixedapp", "shellapp");
                }),
                ok("sealos-image-cri-shim-README-add.Kubefile", k -> {
                    assertThat(keywords(k)).containsExactly("FROM", "ADD", "ADD");
                    assertThat(k.instructions(Add.class)).extracting(Add::sources, Add::destination).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(List.of("image-cri-shim"), "cri/image-cri-shim"),
                            org.assertj.core.groups.Tuple.tuple(List.of("cfg.yaml"), "etc/image-cri-shim.yaml.tmpl"));
                    assertThat(k.from().reference().fullName()).isEqualTo("docker.io/labring/kubernetes:v1.26.0");
                }),
                fails("cluster-image-php-custom-7.2-fpm.Dockerfile", 11, "ADD source \"https://github.com/mlocati/"
                        + "docker-php-extension-installer/releases/latest/download/install-php-extensions\" is remote"),
                ok("constructed-from-platform-brackets.Kubefile", platformList),
                ok("constructed-from-platform-commas.Kubefile", platformList),
                ok("constructed-from-platform-quoted.Kubefile", platformList));
    }

    private static List<String> keywords(Kubefile kubefile) {
        return kubefile.instructions().stream().map(Instruction::keyword).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kubefiles")
    void kubefile(String file, String problem, int line, Consumer<Kubefile> check) {
        Path path = fixtures("kubefile").resolve(file);
        if (problem == null) {
            Kubefile kubefile = KUBEFILES.parse(path);
            check.accept(kubefile);
        } else {
            KubefileException e = catchThrowableOfType(KubefileException.class, () -> KUBEFILES.parse(path));
            assertThat(e).as("an error for %s", file).isNotNull();
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.problem()).contains(problem);
        }
    }

    static Stream<Arguments> clusterfiles() {
        return Stream.of(
                arguments("sealer-v0.4.0-plugin-test_clusterfile.yaml", null, null, (Consumer<Clusterfile>) c -> {
                    assertThat(c.cluster().master0()).contains("172.17.102.186");
                    assertThat(c.plugins()).extracting(PluginSpec::name, PluginSpec::type, PluginSpec::actions,
                            PluginSpec::scope).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("SHELL", "SHELL", List.of("PostInstall"),
                                    "role=master"),
                            org.assertj.core.groups.Tuple.tuple("LABEL", "LABEL", List.of("PostInstall"), ""));
                    assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains(
                            "documents[1].spec.type: is missing; the type is taken from metadata.name (\"SHELL\")"));
                    assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains(
                            "documents[2].spec.action: is missing; a LABEL plugin runs at PostInstall"));
                }),
                arguments("sealer-v0.8.6-config-test_clusterfile.yaml", null, null, (Consumer<Clusterfile>) c -> {
                    assertThat(c.cluster().hosts()).isEmpty();
                    assertThat(c.cluster().image())
                            .isEqualTo("registry.cn-qingdao.aliyuncs.com/sealer-app/my-SAAS-all-inone:latest");
                    assertThat(c.configs()).extracting(ConfigSpec::path)
                            .containsExactly("etc/mysql.yaml", "etc/redis.yaml", "etc/registry.yaml");
                    assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains(
                            "documents[0].spec: lists no hosts").contains("sealer run -m/-n"));
                }),
                arguments("sealer-v0.5.2-config_plugin_for_test.yaml", "documents[0].spec.provider",
                        "\"ALI_CLOUD\" asks sealer to create the hosts (Alibaba Cloud ECS instances): provisioning"
                                + " hosts is not supported; list the hosts' IPs (spec.masters.ipList and"
                                + " spec.nodes.ipList) and remove spec.provider", null),
                arguments("sealer-v0.5.2-openebs-example-Clusterfile.yaml", "documents[0].spec.provider",
                        "\"CONTAINER\" asks sealer to create the hosts (docker containers): provisioning hosts is not"
                                + " supported", null),
                arguments("sealer-v0.11.0-utils-test-Clusterfile.yaml", "documents[1].spec.provider",
                        "provisioning hosts is not supported; list the hosts' IPs (spec.hosts[].ips)", null),
                arguments("sealer-v0.5.2-rootfs-etc-Clusterfile-without-provider.yaml",
                        "documents[0].spec.masters.count", "count \"1\" asks sealer to create hosts (a cloud"
                                + " provider's field): provisioning hosts is not supported; list the hosts' IPs in"
                                + " documents[0].spec.masters.ipList", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusterfiles")
    void clusterfile(String file, String field, String problem, Consumer<Clusterfile> check) {
        Path path = fixtures("clusterfile").resolve(file);
        if (problem == null) {
            check.accept(CLUSTERFILES.parse(path));
        } else {
            ClusterfileException e = catchThrowableOfType(ClusterfileException.class, () -> CLUSTERFILES.parse(path));
            assertThat(e).as("an error for %s", file).isNotNull();
            assertThat(e.fieldPath()).isEqualTo(field);
            assertThat(e.problem()).contains(problem);
            assertThat(e.line()).as("the line of the field").isPositive();
        }
    }

    static Stream<Arguments> documents() {
        return Stream.of(
                arguments("sealer-v0.5.2-nvidia-plugin-plugin.yaml", (Consumer<ClusterDocuments>) d -> {
                    assertThat(d.plugins()).extracting(PluginSpec::type, PluginSpec::actions, PluginSpec::scope)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("SHELL", List.of("PreInit"), ""),
                                    org.assertj.core.groups.Tuple.tuple("SHELL", List.of("PostInstall"),
                                            "role=master"));
                    assertThat(d.warnings()).isEmpty();
                }),
                arguments("sealer-v0.8.6-lite_build-test-plugins.yaml", (Consumer<ClusterDocuments>) d -> {
                    assertThat(d.plugins()).hasSize(7).allSatisfy(p -> assertThat(p.type()).isEqualTo("SHELL"));
                    assertThat(d.plugins().get(2).actions()).containsExactly("PostInstall", "PostJoin");
                    assertThat(d.plugins().get(2).scope()).isEqualTo("sealer-test=true");
                    assertThat(d.warnings()).isEmpty();
                }),
                arguments("sealer-v0.11.0-config_plugin_for_test.yaml", (Consumer<ClusterDocuments>) d -> {
                    assertThat(d.configs()).extracting(ConfigSpec::name).containsExactly("mysql-config",
                            "redis-config");
                    assertThat(d.plugins()).hasSize(7);
                    assertThat(d.plugins()).extracting(PluginSpec::name).contains("clusterfile_PostInstall_PostJoin");
                }),
                arguments("sealer-v0.5.2-config_plugin_for_test-hostname-label.yaml",
                        (Consumer<ClusterDocuments>) d -> {
                            assertThat(d.plugins()).extracting(PluginSpec::type, PluginSpec::actions).containsExactly(
                                    org.assertj.core.groups.Tuple.tuple("LABEL", List.of("PostInstall")),
                                    org.assertj.core.groups.Tuple.tuple("HOSTNAME", List.of("PreInit")));
                            assertThat(d.plugins().get(1).data()).isEqualTo("172.17.102.186 master-0\n");
                            assertThat(d.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).contains(
                                    "spec.action: is missing"));
                        }),
                arguments("sealer-main-cluster-runtime-test.yaml", (Consumer<ClusterDocuments>) d -> {
                    assertThat(d.plugins()).extracting(PluginSpec::actions, PluginSpec::scope).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(List.of("pre-init-host"), "master"),
                            org.assertj.core.groups.Tuple.tuple(List.of("post-init-host"), "master"));
                }),
                arguments("sealer-main-env-test-kubeadm.yaml", (Consumer<ClusterDocuments>) d -> {
                    assertThat(d.kubeadmDocuments()).singleElement().satisfies(k -> {
                        assertThat(k.kind()).isEqualTo("ClusterConfiguration");
                        assertThat(k.content()).containsEntry("kubernetesVersion", "v1.19.8");
                    });
                    assertThat(d.plugins()).isEmpty();
                }),
                arguments("sealos-clusterfile-testdata-config.yaml", (Consumer<ClusterDocuments>) d -> {
                    assertThat(d.configs()).singleElement().satisfies(c -> {
                        assertThat(c.path()).isEqualTo("etc/redis.yaml");
                        assertThat(c.data()).isEqualTo("test\n");
                    });
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void documentsWithoutACluster(String file, Consumer<ClusterDocuments> check) {
        Path path = fixtures("documents").resolve(file);
        ClusterDocuments documents = CLUSTERFILES.parseDocuments(path);
        assertThat(documents.cluster()).isEmpty();
        assertThat(documents.hasSealerDocuments()).isTrue();
        check.accept(documents);
        ClusterfileException e = catchThrowableOfType(ClusterfileException.class, () -> CLUSTERFILES.parse(path));
        assertThat(e).as("not a Clusterfile").isNotNull();
        assertThat(e.problem()).isEqualTo("no Cluster document (kind: Cluster) found");
    }

    static Stream<Arguments> others() {
        return Stream.of(
                arguments("sealer-kube-nginx-deployment.yaml", Set.of("Deployment")),
                arguments("sealos-user-controller-kubeconfig.yaml", Set.of("Config")),
                arguments("empty", Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("others")
    void otherToolsFilesHoldNoSealerDocument(String file, Set<String> kinds) {
        ClusterDocuments documents = CLUSTERFILES.parseDocuments(fixtures("other").resolve(file));
        assertThat(documents.hasSealerDocuments()).isFalse();
        assertThat(documents.configs()).isEmpty();
        assertThat(documents.otherDocuments()).extracting(StructuredDocument::kind)
                .containsExactlyInAnyOrderElementsOf(kinds);
    }

    @Test
    void everyFixtureHasAnExpectationAndEveryExpectationAFixture() throws IOException {
        Map<String, Stream<Arguments>> expected = Map.of("kubefile", kubefiles(), "clusterfile", clusterfiles(),
                "documents", documents(), "other", others());
        for (Map.Entry<String, Stream<Arguments>> entry : expected.entrySet()) {
            Set<String> names = entry.getValue().map(a -> (String) a.get()[0])
                    .collect(Collectors.toCollection(TreeSet::new));
            try (Stream<Path> files = Files.list(fixtures(entry.getKey()))) {
                Set<String> present = files.map(f -> f.getFileName().toString())
                        .collect(Collectors.toCollection(TreeSet::new));
                assertThat(present).as(entry.getKey()).isEqualTo(names);
            }
        }
    }
}
