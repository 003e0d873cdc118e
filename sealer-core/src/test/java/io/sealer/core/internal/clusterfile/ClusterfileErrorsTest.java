package io.sealer.core.internal.clusterfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.sealer.api.ClusterfileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a Clusterfile can be wrong gives a ClusterfileException with file, line and exact field path. */
class ClusterfileErrorsTest {
    private final ClusterfileParser parser = new ClusterfileParser();

    private static final String HEAD = """
            kind: Cluster
            metadata: {name: c}
            spec:
              image: k8s:v1
            """;

    private static String cluster(String specTail) {
        return HEAD + specTail;
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("""
                        kind: Config
                        spec: {path: etc/a.yaml, data: x}
                        ---
                        kind: Plugin
                        spec: {type: SHELL, action: PostInstall}
                        ---
                        kind: Cluster
                        metadata: {name: c}
                        spec:
                          image: k8s:v1
                          hosts:
                          - {ips: [10.0.0.1], roles: [master]}
                          - ips: [300.1.1.1]
                            roles: [node]
                        """, "documents[2].spec.hosts[1].ips[0]", 13, "\"300.1.1.1\" is not an IP address"),
                arguments(cluster("  hosts: [{ips: [10.0.0.1, 10.0.0.1], roles: [master]}]\n"),
                        "documents[0].spec.hosts[0].ips[1]", 5,
                        "\"10.0.0.1\" is listed twice (also at documents[0].spec.hosts[0].ips[0])"),
                arguments(cluster("  hosts:\n  - {ips: [10.0.0.1-10.0.0.3], roles: [master]}\n"
                        + "  - {ips: [10.0.0.2], roles: [node]}\n"), "documents[0].spec.hosts[1].ips[0]", 7,
                        "\"10.0.0.2\" is listed twice (also at documents[0].spec.hosts[0].ips[0])"),
                arguments(cluster("  hosts: [{ips: [10.0.0.9-10.0.0.3], roles: [master]}]\n"),
                        "documents[0].spec.hosts[0].ips[0]", 5, "range \"10.0.0.9-10.0.0.3\" ends before it starts"),
                arguments(cluster("  hosts: [{ips: [\"::-ffff::\"], roles: [master]}]\n"),
                        "documents[0].spec.hosts[0].ips[0]", 5, "has more than 65536 addresses"),
                arguments(cluster("  hosts: [{ips: [10.0.0.1-fd00::1], roles: [master]}]\n"),
                        "documents[0].spec.hosts[0].ips[0]", 5, "mixes IPv4 and IPv6"),
                arguments(cluster("  hosts: [{ips: [\"10.0.0.1,,10.0.0.2\"], roles: [master]}]\n"),
                        "documents[0].spec.hosts[0].ips[0]", 5, "has an empty item"),
                arguments(cluster("  hosts: [{ips: [10.0.0.1, \"fd00::1\"], roles: [master]}]\n"),
                        "documents[0].spec.hosts[0].ips[1]", 5, "all hosts must use one IP family"),
                arguments(cluster("  hosts: [{ips: [\"fe80::1%eth0\"], roles: [master]}]\n"),
                        "documents[0].spec.hosts[0].ips[0]", 5, "is not an IP address"),
                arguments(cluster("  hosts: [{ips: [example.com], roles: [master]}]\n"),
                        "documents[0].spec.hosts[0].ips[0]", 5, "\"example.com\" is not an IP address"),
                arguments(cluster("  hosts: [{ips: [10.0.0.1], roles: [node]}]\n"),
                        "documents[0].spec.hosts", 4, "no host has role master"),
                arguments(cluster("  hosts: [{ips: [10.0.0.1], roles: [node]}]\n"), "documents[0].spec.hosts", 4,
                        "no host has role master"),
                arguments(cluster("  nodes: {ipList: [10.0.0.1]}\n"), "documents[0].spec.masters.ipList", 4,
                        "no host has role master"),
                arguments(cluster("  provider: ALI_CLOUD\n  masters: {count: 3}\n"), "documents[0].spec.provider", 5,
                        "\"ALI_CLOUD\" asks sealer to create the hosts (Alibaba Cloud ECS instances): provisioning"
                                + " hosts is not supported; list the hosts' IPs (spec.masters.ipList and"
                                + " spec.nodes.ipList) and remove spec.provider"),
                arguments(cluster("  provider: CONTAINER\n  hosts: [{ips: [10.0.0.1], roles: [master]}]\n"),
                        "documents[0].spec.provider", 5, "list the hosts' IPs (spec.hosts[].ips)"),
                arguments(cluster("  masters:\n    cpu: 4\n    count: \"3\"\n"), "documents[0].spec.masters.count", 7,
                        "count \"3\" asks sealer to create hosts (a cloud provider's field): provisioning hosts is"
                                + " not supported; list the hosts' IPs in documents[0].spec.masters.ipList"),
                arguments(cluster("  masters: {ipList: [10.0.0.1]}\n  nodes: {count: 2}\n"),
                        "documents[0].spec.nodes.count", 6, "count \"2\" asks sealer to create hosts"),
                arguments(cluster("  hosts:\n  - {count: 3, roles: [master]}\n"), "documents[0].spec.hosts[0].count",
                        6, "list the hosts' IPs in documents[0].spec.hosts[0].ips"),
                arguments(cluster("  hosts: [{ips: [10.0.0.1], roles: [master]}]\n  masters: {ipList: [10.0.0.2]}\n"),
                        "documents[0].spec", 4, "has both hosts (v2 schema) and masters/nodes (v1 schema)"),
                arguments(cluster("  hosts: {ips: [10.0.0.1]}\n"), "documents[0].spec.hosts", 5,
                        "expected a list, found a mapping"),
                arguments(cluster("  hosts: [{ips: [], roles: [master]}]\n"), "documents[0].spec.hosts[0].ips", 5,
                        "is required: at least one IP address"),
                arguments(cluster("  hosts: [{ips: [10.0.0.1]}]\n"), "documents[0].spec.hosts[0].roles", 5,
                        "is required: at least one role"),
                arguments(cluster("  hosts: [{ips: [[10.0.0.1]], roles: [master]}]\n"),
                        "documents[0].spec.hosts[0].ips[0]", 5, "expected a string, found a list"),
                arguments(cluster("  ssh: {port: abc}\n  hosts: [{ips: [10.0.0.1], roles: [master]}]\n"),
                        "documents[0].spec.ssh.port", 5, "\"abc\" is not a port number (1-65535)"),
                arguments(cluster("  hosts:\n  - ips: [10.0.0.1]\n    roles: [master]\n    ssh: {port: 70000}\n"),
                        "documents[0].spec.hosts[0].ssh.port", 8, "\"70000\" is not a port number"),
                arguments(cluster("  ssh: {encrypted: true, passwd: abc}\n"
                        + "  hosts: [{ips: [10.0.0.1], roles: [master]}]\n"),
                        "documents[0].spec.ssh.encrypted", 5, "encrypted passwords"),
                arguments(cluster("  env: [A=1, NOVALUE]\n  hosts: [{ips: [10.0.0.1], roles: [master]}]\n"),
                        "documents[0].spec.env[1]", 5, "expected KEY=VALUE, found no \"=\""),
                arguments(cluster("  hosts: [{ips: [10.0.0.1], roles: [master], env: [\"=v\"]}]\n"),
                        "documents[0].spec.hosts[0].env[0]", 5, "found an empty key"),
                arguments(cluster("  env: [\"SvcCIDR=10.96.0.0\"]\n  hosts: [{ips: [10.0.0.1], roles: [master]}]\n"),
                        "documents[0].spec.env[0]", 5, "is not a CIDR"),
                arguments(cluster("  env: [\"SvcCIDR=10.96.0.0/30\"]\n  hosts: [{ips: [10.0.0.1], roles: [master]}]\n"),
                        "documents[0].spec.env[0]", 5, "is too small"),
                arguments(cluster("  dataRoot: data\n  hosts: [{ips: [10.0.0.1], roles: [master]}]\n"),
                        "documents[0].spec.dataRoot", 5, "is not an absolute directory"),
                arguments(cluster("  dataRoot: /var/../\n  hosts: [{ips: [10.0.0.1], roles: [master]}]\n"),
                        "documents[0].spec.dataRoot", 5, "is not an absolute directory"),
                arguments(cluster("  hostAliases: [{ip: 1.2.3, hostnames: [a]}]\n"
                        + "  hosts: [{ips: [10.0.0.1], roles: [master]}]\n"),
                        "documents[0].spec.hostAliases[0].ip", 5, "\"1.2.3\" is not an IP address"),
                arguments(cluster("  hostAliases: [{ip: 1.2.3.4}]\n  hosts: [{ips: [10.0.0.1], roles: [master]}]\n"),
                        "documents[0].spec.hostAliases[0].hostnames", 5, "is required"),
                arguments(cluster("  registry: {externalRegistry: {port: 443}}\n"
                        + "  hosts: [{ips: [10.0.0.1], roles: [master]}]\n"),
                        "documents[0].spec.registry.externalRegistry.domain", 5, "is required"),
                arguments(cluster("  registry: {localRegistry: {domain: \"hub:5000\"}}\n"
                        + "  hosts: [{ips: [10.0.0.1], roles: [master]}]\n"),
                        "documents[0].spec.registry.localRegistry.domain", 5, "is not a registry domain"),
                arguments(cluster("  registry: {localRegistry: {ha: maybe}}\n"
                        + "  hosts: [{ips: [10.0.0.1], roles: [master]}]\n"),
                        "documents[0].spec.registry.localRegistry.ha", 5, "\"maybe\" is not a boolean"),
                arguments(cluster("  registry: {localRegistry: {cert: {subjectAltName: {ips: [x]}}}}\n"
                        + "  hosts: [{ips: [10.0.0.1], roles: [master]}]\n"),
                        "documents[0].spec.registry.localRegistry.cert.subjectAltName.ips[0]", 5,
                        "\"x\" is not an IP address"),
                arguments("kind: Cluster\nmetadata: {name: c}\nspec:\n  hosts: [{ips: [10.0.0.1], roles: [master]}]\n",
                        "documents[0].spec.image", 4, "is required"),
                arguments("kind: Cluster\nspec: {image: x}\n", "documents[0].metadata", 1, "is required"),
                arguments("kind: Cluster\nmetadata: {}\nspec: {image: x}\n", "documents[0].metadata.name", 2,
                        "is required"),
                arguments("kind: Cluster\nmetadata: {name: ../etc}\nspec: {image: x}\n",
                        "documents[0].metadata.name", 2, "is not a valid cluster name"),
                arguments("kind: Cluster\nmetadata: {name: c}\n", "documents[0].spec", 1, "is required"),
                arguments("kind: Cluster\nmetadata: {name: c}\nspec: [a]\n", "documents[0].spec", 3,
                        "expected a mapping, found a list"),
                arguments(HEAD + "  hosts: [{ips: [10.0.0.1], roles: [master]}]\n---\n" + HEAD
                        + "  hosts: [{ips: [10.0.0.2], roles: [master]}]\n", "documents[1]", 7,
                        "a second Cluster document (the first is documents[0])"),
                arguments("kind: Plugin\nspec: {type: SHELL, action: PostInstall}\n", null, 0,
                        "no Cluster document (kind: Cluster) found"),
                arguments("", null, 0, "no Cluster document"),
                arguments("metadata: {name: c}\n", "documents[0].kind", 1, "is required"),
                arguments("- kind: Cluster\n", "documents[0]", 1, "expected a mapping, found a list"),
                arguments("just text\n", "documents[0]", 1, "expected a mapping, found a scalar"),
                arguments("kind: Plugin\nspec: {action: PostInstall}\n", "documents[0].spec.type", 2, "is required"),
                arguments("kind: Plugin\nmetadata: {name: \" \"}\nspec: {action: PostInstall}\n",
                        "documents[0].spec.type", 3, "is required"),
                arguments("kind: Plugin\nspec: {type: SHELL}\n", "documents[0].spec.action", 2, "is required"),
                arguments("kind: Plugin\nmetadata: {name: SHELL}\nspec: {data: ip a}\n", "documents[0].spec.action",
                        3, "is required"),
                arguments("kind: Plugin\nspec: {type: TAINT, action: \"\"}\n", "documents[0].spec.action", 2,
                        "is required"),
                arguments("kind: Plugin\nspec: {type: SHELL, action: \" | \"}\n", "documents[0].spec.action", 2,
                        "names no phase"),
                arguments("kind: Plugin\nspec: {type: SHELL, action: PreInit, data: [a]}\n",
                        "documents[0].spec.data", 2, "expected a string, found a list"),
                arguments("kind: Config\nspec: {data: x}\n", "documents[0].spec.path", 2, "is required"),
                arguments("kind: Config\nspec: {path: /etc/passwd, data: x}\n", "documents[0].spec.path", 2,
                        "must be a path relative to the image rootfs"),
                arguments("kind: Config\nspec: {path: etc/../../x, data: x}\n", "documents[0].spec.path", 2,
                        "must be a path relative to the image rootfs"),
                arguments("kind: Config\nspec: {path: etc/a.yaml}\n", "documents[0].spec.data", 2, "is required"),
                arguments("kind: Config\nspec:\n  path: etc/a.yaml\n  data:\n    user: root\n",
                        "documents[0].spec.data", 5, "write the content as a block (data: |)"),
                arguments("kind: Cluster\nkind: Plugin\n", null, 2, "invalid YAML: Duplicate field 'kind'"),
                arguments(cluster("  ssh: *missing\n"), "documents[0].spec.ssh", 5, "alias *missing has no anchor"),
                arguments(cluster("  ssh:\n    <<: plain\n"), "documents[0].spec.ssh.<<", 6,
                        "a merge key (<<) needs a mapping"),
                arguments("kind: Cluster\nspec: [a, b\n", null, 3, "invalid YAML: while parsing a flow sequence"),
                arguments("kind: Cluster\n\tspec: {}\n", null, 2, "invalid YAML"),
                arguments("kind: Cluster\n  spec: x\n bad\n", null, 2, "invalid YAML"),
                arguments("? [a]\n: b\n", null, 1, "invalid YAML: mapping keys must be plain scalars"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void reportsFileLineAndFieldPath(String yaml, String fieldPath, int line, String problem) {
        assertThatThrownBy(() -> parser.parse("Clusterfile", yaml))
                .isInstanceOfSatisfying(ClusterfileException.class, e -> {
                    assertThat(e.fieldPath()).isEqualTo(fieldPath);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.source()).contains("Clusterfile");
                    assertThat(e.problem()).contains(problem);
                    assertThat(e.getMessage()).startsWith(line > 0 ? "Clusterfile:" + line + ": " : "Clusterfile: ");
                });
    }

    @Test
    void messageNamesTheBadIpExactly() {
        assertThatThrownBy(() -> parser.parse("Clusterfile", (String) errors().findFirst().orElseThrow().get()[0]))
                .hasMessage("Clusterfile:13: documents[2].spec.hosts[1].ips[0]: \"300.1.1.1\" is not an IP address");
    }

    @Test
    void syntaxErrorsNeverEchoFileContent() {
        String yaml = HEAD + "  ssh: {passwd: \"s3cr3t-value\n  hosts: []\n";
        assertThatThrownBy(() -> parser.parse("Clusterfile", yaml))
                .isInstanceOf(ClusterfileException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }

    @Test
    void rejectsBillionLaughs() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        assertThatThrownBy(() -> parser.parse("bomb", yaml.toString()))
                .isInstanceOfSatisfying(ClusterfileException.class,
                        e -> assertThat(e.problem()).contains("once aliases are expanded"));
    }

    @Test
    void rejectsDeepNesting() {
        String yaml = "kind: Cluster\nspec: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        assertThatThrownBy(() -> parser.parse("deep", yaml))
                .isInstanceOfSatisfying(ClusterfileException.class, e -> assertThat(e.line()).isEqualTo(2));
        String blocks = "kind: Cluster\nspec:\n" + "a:\n".repeat(0) + nestedBlocks(200);
        assertThatThrownBy(() -> parser.parse("deep", blocks)).isInstanceOf(ClusterfileException.class);
    }

    private static String nestedBlocks(int depth) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            text.append(" ".repeat(2 * (i + 1))).append("k").append(i).append(":\n");
        }
        return text.toString();
    }

    @Test
    void rejectsHugeFiles() {
        String yaml = "kind: Cluster\ndata: \"" + "x".repeat(YamlReader.MAX_CODE_POINTS + 10) + "\"\n";
        assertThatThrownBy(() -> parser.parse("huge", yaml))
                .isInstanceOfSatisfying(ClusterfileException.class,
                        e -> assertThat(e.problem()).startsWith("invalid YAML"));
    }

    @Test
    void reportsUnreadableFiles(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> parser.parse(missing)).isInstanceOfSatisfying(ClusterfileException.class,
                e -> assertThat(e.problem()).startsWith("cannot read the file"));
        Path binary = dir.resolve("binary");
        Files.write(binary, new byte[] {'k', 'i', 'n', 'd', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        assertThatThrownBy(() -> parser.parse(binary)).isInstanceOf(ClusterfileException.class);
    }
}
