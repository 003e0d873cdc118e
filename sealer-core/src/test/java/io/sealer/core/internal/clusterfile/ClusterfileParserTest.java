package io.sealer.core.internal.clusterfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.sealer.api.ClusterfileException;
import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.ClusterDocuments;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.Host;
import io.sealer.api.cluster.LocalRegistry;
import io.sealer.api.cluster.SshCredentials;
import io.sealer.api.cluster.StructuredDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterfileParserTest {
    private final ClusterfileParser parser = new ClusterfileParser();

    /** The input of sealer main's {@code pkg/clusterfile/decoder_test.go TestDecodeClusterFile}. */
    static final String MAIN_DECODER_EXAMPLE = """
            apiVersion: sealer.io/v2
            kind: Config
            metadata:
              name: mysql-config
            spec:
              path: etc/mysql.yaml
              data: |
                mysql-user: root
                mysql-passwd: xxx
            ---
            apiVersion: sealer.io/v2
            kind: Application
            metadata:
              name: my-apps
            spec:
              launchApps:
                - app1
                - app2
              configs:
                - name: app2
                  launch:
                    cmds:
                      - kubectl get pods -A
            ---
            apiVersion: sealer.io/v1
            kind: Plugin
            metadata:
              name: MyHostname
            spec:
              type: HOSTNAME
              action: PreInit
              data: |
                192.168.0.2 master-0
                192.168.0.3 node-0
            ---
            apiVersion: sealer.io/v1
            kind: Plugin
            metadata:
              name: MyShell
            spec:
              type: SHELL
              action: PostInstall
              scope: master
              data: |
                kubectl get nodes
            ---
            apiVersion: sealer.io/v2
            kind: Cluster
            metadata:
              name: my-cluster
            spec:
              image: docker.io/sealerio/kubernetes:v1.22.15
              env:
                - key1=value1
                - key2=value2;value3 #key2=[value2, value3]
              ssh:
                passwd: xxx
                pk: xxx
                pkPasswd: xxx
                user: root
                port: "2222"
              hosts:
                - ips: [ 192.168.0.2 ]
                  roles: [ master ]
                  env:
                    - etcd-dir=/data/etcd
                  ssh:
                    user: xxx
                    passwd: xxx
                    port: "2222"
                - ips: [ 192.168.0.3 ]
                  roles: [ node,db ]
            ---
            apiVersion: kubeadm.k8s.io/v1beta3
            kind: InitConfiguration
            localAPIEndpoint:
              bindPort: 6443
            nodeRegistration:
              criSocket: /var/run/dockershim.sock
            ---
            apiVersion: kubeproxy.config.k8s.io/v1alpha1
            kind: KubeProxyConfiguration
            mode: "ipvs"
            ipvs:
              excludeCIDRs:
                - "10.103.97.2/32"
            """;

    @Test
    void decodesSealerMainDecoderExample() {
        Clusterfile file = parser.parse("Clusterfile", MAIN_DECODER_EXAMPLE);
        Cluster cluster = file.cluster();

        assertThat(cluster.name()).isEqualTo("my-cluster");
        assertThat(cluster.apiVersion()).isEqualTo("sealer.io/v2");
        assertThat(cluster.image()).isEqualTo("docker.io/sealerio/kubernetes:v1.22.15");
        assertThat(cluster.env()).containsExactly(entry("key1", "value1"), entry("key2", "value2;value3"),
                entry("LocalRegistryDomain", "sea.hub"), entry("LocalRegistryPort", "5000"),
                entry("LocalRegistryURL", "sea.hub:5000"), entry("RegistryDomain", "sea.hub"),
                entry("RegistryPort", "5000"), entry("RegistryURL", "sea.hub:5000"));
        assertThat(cluster.registry().localRegistry()).isEqualTo(LocalRegistry.DEFAULT);
        assertThat(cluster.registry().localRegistry().ha()).isTrue();
        assertThat(cluster.registry().localRegistry().insecure()).isFalse();
        assertThat(cluster.registry().externalRegistry()).isNull();
        assertThat(cluster.dataRoot()).isEqualTo("/var/lib/sealer/data");
        assertThat(cluster.ssh()).isEqualTo(new SshCredentials("root", "xxx", "xxx", "xxx", 2222));

        assertThat(cluster.hosts()).hasSize(2);
        Host master = cluster.hosts().get(0);
        assertThat(master.ips()).containsExactly("192.168.0.2");
        assertThat(master.roles()).containsExactly("master");
        assertThat(master.ssh()).isEqualTo(new SshCredentials("xxx", "xxx", "xxx", "xxx", 2222));
        assertThat(master.env()).containsEntry("etcd-dir", "/data/etcd").containsEntry("key1", "value1")
                .containsEntry("RegistryURL", "sea.hub:5000");
        Host node = cluster.hosts().get(1);
        assertThat(node.ips()).containsExactly("192.168.0.3");
        assertThat(node.roles()).containsExactly("node", "db");
        assertThat(node.ssh()).isEqualTo(cluster.ssh());
        assertThat(node.env()).isEqualTo(cluster.env());
        assertThat(cluster.master0()).contains("192.168.0.2");
        assertThat(cluster.ipsWithRole("db")).containsExactly("192.168.0.3");

        assertThat(file.configs()).singleElement().satisfies(config -> {
            assertThat(config.name()).isEqualTo("mysql-config");
            assertThat(config.path()).isEqualTo("etc/mysql.yaml");
            assertThat(config.data()).isEqualTo("mysql-user: root\nmysql-passwd: xxx\n");
            assertThat(config.strategy()).isEqualTo("overwrite");
        });
        assertThat(file.plugins()).hasSize(2);
        assertThat(file.plugins().get(0).name()).isEqualTo("MyHostname");
        assertThat(file.plugins().get(0).type()).isEqualTo("HOSTNAME");
        assertThat(file.plugins().get(0).actions()).containsExactly("PreInit");
        assertThat(file.plugins().get(0).data()).isEqualTo("192.168.0.2 master-0\n192.168.0.3 node-0\n");
        assertThat(file.plugins().get(1).type()).isEqualTo("SHELL");
        assertThat(file.plugins().get(1).actions()).containsExactly("PostInstall");
        assertThat(file.plugins().get(1).scope()).isEqualTo("master");

        StructuredDocument init = file.kubeadm("InitConfiguration").orElseThrow();
        assertThat(init.index()).isEqualTo(5);
        assertThat(init.apiVersion()).isEqualTo("kubeadm.k8s.io/v1beta3");
        assertThat(init.content()).containsEntry("localAPIEndpoint", Map.of("bindPort", 6443L))
                .containsEntry("nodeRegistration", Map.of("criSocket", "/var/run/dockershim.sock"));
        StructuredDocument proxy = file.kubeadm("KubeProxyConfiguration").orElseThrow();
        assertThat(proxy.content()).containsEntry("mode", "ipvs")
                .containsEntry("ipvs", Map.of("excludeCIDRs", List.of("10.103.97.2/32")));

        assertThat(file.otherDocuments()).singleElement().satisfies(doc -> {
            assertThat(doc.kind()).isEqualTo("Application");
            assertThat(doc.index()).isEqualTo(1);
            assertThat(doc.content()).containsKey("spec");
        });
        assertThat(file.warnings()).singleElement().asString()
                .isEqualTo("Clusterfile:11: documents[1]: kind \"Application\" is not supported by this version;"
                        + " kept in otherDocuments, not applied");
    }

    @Test
    void decodesV1Schema() {
        Clusterfile file = parser.parse("v1.yaml", """
                apiVersion: zlink.aliyun.com/v1alpha1
                kind: Cluster
                metadata: {name: my-cluster}
                spec:
                  image: kubernetes:v1.19.8
                  env: ["A=1"]
                  provider: BAREMETAL
                  ssh: {user: root, passwd: "123", pk: /root/.ssh/id_rsa, pkPasswd: "", port: "22"}
                  network: {podCIDR: 100.64.0.0/10, svcCIDR: 10.96.0.0/22}
                  certSANS: [aliyun-inc.com, 10.0.0.2]
                  masters: {cpu: "4", memory: "4", count: "3", systemDisk: "100", dataDisks: ["100"],
                            ipList: [192.168.0.2, 192.168.0.3]}
                  nodes: {ipList: [192.168.0.5]}
                """);
        Cluster cluster = file.cluster();
        assertThat(cluster.apiVersion()).isEqualTo("zlink.aliyun.com/v1alpha1");
        assertThat(cluster.hosts()).extracting(Host::ips, Host::roles).containsExactly(
                org.assertj.core.groups.Tuple.tuple(List.of("192.168.0.2", "192.168.0.3"), List.of("master")),
                org.assertj.core.groups.Tuple.tuple(List.of("192.168.0.5"), List.of("node")));
        assertThat(cluster.ssh()).isEqualTo(new SshCredentials("root", "123", "/root/.ssh/id_rsa", null, 22));
        assertThat(cluster.hosts().get(1).ssh()).isEqualTo(cluster.ssh());
        assertThat(cluster.master0()).contains("192.168.0.2");
        assertThat(cluster.env()).containsEntry("A", "1").containsEntry("PodCIDR", "100.64.0.0/10")
                .containsEntry("SvcCIDR", "10.96.0.0/22").containsEntry("CertSANs", "aliyun-inc.com,10.0.0.2")
                .containsEntry("KubeSvcIP", "10.96.0.1").containsEntry("DNSSvcIP", "10.96.0.10");
        assertThat(file.warnings()).as("count is the cloud's; with IPs listed it means nothing").isEmpty();
    }

    @Test
    void unknownProviderIsAWarningAndTheListedHostsAreUsed() {
        Clusterfile file = parser.parse("v1.yaml", """
                kind: Cluster
                metadata: {name: my-cluster}
                spec:
                  image: kubernetes:v1.19.8
                  provider: VSPHERE
                  masters: {ipList: [192.168.0.2]}
                """);
        assertThat(file.cluster().master0()).contains("192.168.0.2");
        assertThat(file.warnings()).singleElement().asString()
                .contains("v1.yaml:5: documents[0].spec.provider: provider \"VSPHERE\" is unknown");
    }

    @Test
    void clusterWithoutHostsIsValidWithAWarning() {
        Clusterfile file = parser.parse("c.yaml", """
                kind: Cluster
                metadata: {name: my-cluster}
                spec:
                  image: kubernetes:v1.19.8
                  hosts: []
                """);
        assertThat(file.cluster().hosts()).isEmpty();
        assertThat(file.cluster().master0()).isEmpty();
        assertThat(file.cluster().env()).containsEntry("RegistryURL", "sea.hub:5000");
        assertThat(file.warnings()).singleElement().asString()
                .isEqualTo("c.yaml:4: documents[0].spec: lists no hosts (no hosts[].ips); they must come from"
                        + " elsewhere, such as sealer run -m/-n");
    }

    @Test
    void documentsWithoutAClusterParseAsDocumentsButNotAsAClusterfile() {
        String text = """
                kind: Plugin
                metadata: {name: HOSTNAME}
                spec:
                  data: |
                    192.168.0.2 master-0
                ---
                apiVersion: kubeadm.k8s.io/v1beta3
                kind: InitConfiguration
                localAPIEndpoint: {bindPort: 6443}
                """;
        ClusterDocuments documents = parser.parseDocuments("plugins/hostname.yaml", text);
        assertThat(documents.cluster()).isEmpty();
        assertThat(documents.hasSealerDocuments()).isTrue();
        assertThat(documents.plugins()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo("HOSTNAME");
            assertThat(p.actions()).containsExactly("PreInit");
            assertThat(p.data()).isEqualTo("192.168.0.2 master-0\n");
        });
        assertThat(documents.kubeadmDocuments()).extracting(StructuredDocument::kind)
                .containsExactly("InitConfiguration");
        assertThat(documents.warnings()).containsExactly(
                "plugins/hostname.yaml:4: documents[0].spec.type: is missing; the type is taken from metadata.name"
                        + " (\"HOSTNAME\") as sealer v0.3-v0.4 did; write spec.type: HOSTNAME",
                "plugins/hostname.yaml:4: documents[0].spec.action: is missing; a HOSTNAME plugin runs at PreInit as"
                        + " in sealer v0.5");
        assertThatThrownBy(() -> parser.parse("plugins/hostname.yaml", text))
                .isInstanceOfSatisfying(ClusterfileException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("plugins/hostname.yaml: no Cluster document (kind: Cluster) found"));
    }

    @Test
    void aKubeconfigIsNotASealerConfig() {
        ClusterDocuments documents = parser.parseDocuments("kubeconfig", """
                apiVersion: v1
                kind: Config
                clusters:
                - cluster: {server: "https://192.168.64.24:6443"}
                  name: sealos
                current-context: sealos
                """);
        assertThat(documents.configs()).isEmpty();
        assertThat(documents.hasSealerDocuments()).isFalse();
        assertThat(documents.otherDocuments()).extracting(StructuredDocument::kind).containsExactly("Config");
        assertThat(documents.warnings()).singleElement().asString().contains("is a kubeconfig");
    }

    @Test
    void readsEveryScalarAsWrittenSoNumericPasswordsSurvive() {
        Clusterfile file = parser.parse("c", """
                kind: Cluster
                metadata: {name: c}
                spec:
                  image: k8s:v1
                  env: [ZEROS=007, FLAG=yes]
                  ssh: {user: yes, passwd: 000000, pkPasswd: 0x1F, port: 22}
                  hosts: [{ips: [10.0.0.1], roles: [master]}]
                """);
        SshCredentials ssh = file.cluster().ssh();
        assertThat(ssh.password()).isEqualTo("000000");
        assertThat(ssh.user()).isEqualTo("yes");
        assertThat(ssh.privateKeyPassword()).isEqualTo("0x1F");
        assertThat(ssh.port()).isEqualTo(22);
        assertThat(file.cluster().env()).containsEntry("ZEROS", "007").containsEntry("FLAG", "yes");
        assertThat(ssh.toString()).doesNotContain("000000");
    }

    @Test
    void expandsRangesAndCommaListsAndCanonicalisesIpv6() {
        Cluster cluster = parser.parse("c", """
                kind: Cluster
                metadata: {name: c}
                spec:
                  image: k8s:v1
                  hosts:
                  - ips: ["192.168.0.2-192.168.0.4", "192.168.0.9,192.168.0.10"]
                    roles: [master]
                  - ips: 192.168.0.20-192.168.0.21,192.168.0.30
                    roles: [node]
                """).cluster();
        assertThat(cluster.ipsWithRole("master"))
                .containsExactly("192.168.0.2", "192.168.0.3", "192.168.0.4", "192.168.0.9", "192.168.0.10");
        assertThat(cluster.ipsWithRole("node")).containsExactly("192.168.0.20", "192.168.0.21", "192.168.0.30");

        Cluster v6 = parser.parse("c", """
                kind: Cluster
                metadata: {name: c}
                spec:
                  image: k8s:v1
                  hosts: [{ips: ["FD00:0:0::1", "fd00::00fe-fd00::101"], roles: [master]}]
                """).cluster();
        assertThat(v6.allIps()).containsExactly("fd00::1", "fd00::fe", "fd00::ff", "fd00::100", "fd00::101");
    }

    @Test
    void master0IsTheFirstIpOfTheFirstMasterHostEvenAfterNodes() {
        Cluster cluster = parser.parse("c", """
                kind: Cluster
                metadata: {name: c}
                spec:
                  image: k8s:v1
                  hosts:
                  - {ips: [10.0.0.9], roles: [node]}
                  - {ips: [10.0.0.5, 10.0.0.4], roles: [db, master]}
                  - {ips: [10.0.0.1], roles: [master]}
                """).cluster();
        assertThat(cluster.master0()).contains("10.0.0.5");
        assertThat(cluster.ipsWithRole(Host.ROLE_MASTER)).containsExactly("10.0.0.5", "10.0.0.4", "10.0.0.1");
    }

    @Test
    void mergesPerHostSshAndEnvOverTheCluster() {
        Cluster cluster = parser.parse("c", """
                kind: Cluster
                metadata: {name: c}
                spec:
                  image: k8s:v1
                  env: [A=cluster, B=cluster, B=last, "C=x=y"]
                  ssh: {user: admin, passwd: secret, port: 2222}
                  hosts:
                  - ips: [10.0.0.1]
                    roles: [master]
                    ssh: {passwd: other, pk: /keys/id}
                    env: [B=host, D=host]
                    labels: {disk: ssd, zone: "1"}
                    taints: ["key=value:NoSchedule"]
                  - ips: [10.0.0.2]
                    roles: [node]
                    ssh: {user: "", port: 22}
                """).cluster();
        Host master = cluster.hosts().get(0);
        assertThat(master.ssh()).isEqualTo(new SshCredentials("admin", "other", "/keys/id", null, 2222));
        assertThat(master.env()).containsEntry("A", "cluster").containsEntry("B", "host")
                .containsEntry("C", "x=y").containsEntry("D", "host");
        assertThat(cluster.env()).containsEntry("B", "last").doesNotContainKey("D");
        assertThat(master.labels()).containsExactly(entry("disk", "ssd"), entry("zone", "1"));
        assertThat(master.taints()).containsExactly("key=value:NoSchedule");
        Host node = cluster.hosts().get(1);
        assertThat(node.ssh()).isEqualTo(new SshCredentials("admin", "secret", null, null, 22));
        assertThat(node.env()).containsEntry("B", "last");
    }

    @Test
    void fillsRegistryContainerRuntimeAndDropsReservedEnv() {
        Clusterfile file = parser.parse("c", """
                kind: Cluster
                metadata: {name: c}
                spec:
                  image: k8s:v1
                  env: [RegistryURL=mine:1, "SvcCIDR=10.96.0.0/16,fd00::/108"]
                  containerRuntime: {type: containerd}
                  dataRoot: /data/sealer
                  hostAliases: [{ip: 1.2.3.4, hostnames: [foo.local, bar.local]}]
                  appNames: [app1]
                  cmd_args: [a=b]
                  cmd: [kubectl apply -f x.yaml]
                  registry:
                    localRegistry: {domain: hub.local, port: 5001, ha: false, insecure: true, username: u,
                                    password: p, cert: {subjectAltName: {dnsNames: [reg.local], ips: [10.0.0.7]}}}
                    externalRegistry: {domain: harbor.example.com, port: 443, username: u, password: p}
                  hosts: [{ips: [10.0.0.1], roles: [master]}]
                """);
        Cluster cluster = file.cluster();
        assertThat(cluster.env()).containsExactly(entry("SvcCIDR", "10.96.0.0/16,fd00::/108"),
                entry("KubeSvcIP", "10.96.0.1"), entry("DNSSvcIP", "10.96.0.10"),
                entry("LocalRegistryDomain", "hub.local"), entry("LocalRegistryPort", "5001"),
                entry("LocalRegistryURL", "hub.local:5001"), entry("ExternalRegistryDomain", "harbor.example.com"),
                entry("ExternalRegistryPort", "443"), entry("ExternalRegistryURL", "harbor.example.com:443"),
                entry("RegistryDomain", "harbor.example.com"), entry("RegistryPort", "443"),
                entry("RegistryURL", "harbor.example.com:443"), entry("ContainerRuntime", "containerd"));
        assertThat(file.warnings()).singleElement().asString().contains("documents[0].spec.env[0]")
                .contains("RegistryURL");
        LocalRegistry local = cluster.registry().localRegistry();
        assertThat(local.ha()).isFalse();
        assertThat(local.insecure()).isTrue();
        assertThat(local.certDnsNames()).containsExactly("reg.local");
        assertThat(local.certIps()).containsExactly("10.0.0.7");
        assertThat(local.toString()).doesNotContain("password=p");
        assertThat(cluster.registry().url()).isEqualTo("harbor.example.com:443");
        assertThat(cluster.containerRuntime()).isEqualTo("containerd");
        assertThat(cluster.dataRoot()).isEqualTo("/data/sealer");
        assertThat(cluster.hostAliases()).singleElement().satisfies(alias -> {
            assertThat(alias.ip()).isEqualTo("1.2.3.4");
            assertThat(alias.hostnames()).containsExactly("foo.local", "bar.local");
        });
        assertThat(cluster.appNames()).containsExactly("app1");
        assertThat(cluster.cmdArgs()).containsExactly("a=b");
        assertThat(cluster.cmds()).containsExactly("kubectl apply -f x.yaml");
    }

    @Test
    void warnsAboutUnknownKindsAndFieldsAndSkipsEmptyDocuments() {
        Clusterfile file = parser.parse("c", """
                ---
                ---
                # only a comment
                ---
                kind: Cluster
                metadata: {name: c}
                spec:
                  image: k8s:v1
                  sshh: {passwd: typo}
                  hosts: [{ips: [10.0.0.1], roles: [master]}]
                ---
                apiVersion: example.com/v1
                kind: Widget
                spec: {size: 3}
                ---
                """);
        assertThat(file.otherDocuments()).singleElement().satisfies(doc -> {
            assertThat(doc.index()).isEqualTo(3);
            assertThat(doc.apiVersion()).isEqualTo("example.com/v1");
            assertThat(doc.content()).containsEntry("spec", Map.of("size", 3L));
        });
        assertThat(file.warnings()).containsExactly(
                "c:9: documents[2].spec.sshh: unknown field, ignored",
                "c:12: documents[3]: kind \"Widget\" is not supported by this version; kept in otherDocuments,"
                        + " not applied");
    }

    @Test
    void resolvesAnchorsAliasesAndMergeKeys() {
        Cluster cluster = parser.parse("c", """
                kind: Cluster
                metadata: {name: c}
                spec:
                  image: k8s:v1
                  ssh: &login {user: root, passwd: "1", port: 22}
                  hosts:
                  - ips: [10.0.0.1]
                    roles: &roles [master]
                    ssh: *login
                  - ips: [10.0.0.2]
                    roles: *roles
                    ssh:
                      <<: *login
                      passwd: "2"
                """).cluster();
        assertThat(cluster.hosts().get(0).ssh()).isEqualTo(new SshCredentials("root", "1", null, null, 22));
        assertThat(cluster.hosts().get(1).roles()).containsExactly("master");
        assertThat(cluster.hosts().get(1).ssh()).isEqualTo(new SshCredentials("root", "2", null, null, 22));
    }

    @Test
    void keepsKubeadmScalarsTypedForRoundTrips() {
        Clusterfile file = parser.parse("c", """
                kind: Cluster
                metadata: {name: c}
                spec: {image: k8s:v1, hosts: [{ips: [10.0.0.1], roles: [master]}]}
                ---
                apiVersion: kubelet.config.k8s.io/v1beta1
                kind: KubeletConfiguration
                maxPods: 110
                mode: 0755
                ratio: 0.5
                failSwapOn: false
                empty: ~
                big: 123456789012345678901234567890
                """);
        Map<String, Object> content = file.kubeadm("KubeletConfiguration").orElseThrow().content();
        assertThat(content).containsEntry("maxPods", 110L).containsEntry("mode", "0755")
                .containsEntry("ratio", 0.5).containsEntry("failSwapOn", false).containsEntry("empty", null)
                .containsEntry("big", "123456789012345678901234567890");
    }

    @Test
    void parsesFilesFromDisk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("Clusterfile");
        Files.writeString(file, MAIN_DECODER_EXAMPLE, StandardCharsets.UTF_8);
        Clusterfile parsed = parser.parse(file);
        assertThat(parsed.source()).isEqualTo(file.toString());
        assertThat(parsed.cluster().master0()).contains("192.168.0.2");
    }
}
