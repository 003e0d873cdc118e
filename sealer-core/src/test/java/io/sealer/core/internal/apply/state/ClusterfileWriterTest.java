package io.sealer.core.internal.apply.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.ClusterfileException;
import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.StructuredDocument;
import io.sealer.core.internal.clusterfile.ClusterfileParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClusterfileWriterTest {
    private final ClusterfileParser parser = new ClusterfileParser();
    private final ClusterfileWriter writer = new ClusterfileWriter();

    /** Every field the writer knows, with values that tempt a YAML writer to change their type. */
    static final String EVERY_FIELD = """
            apiVersion: sealer.cloud/v2
            kind: Cluster
            metadata:
              name: every-field
            spec:
              image: docker.io/sealerio/kubernetes:v1.22.15
              env:
                - key1=value1
                - key2=value2;value3 #not a comment
                - SvcCIDR=10.96.0.0/22
                - RegistryURL=ignored.example:5000
                - ZERO=000000
                - EMPTY=
              ssh:
                user: root
                passwd: "000000"
                pk: /root/.ssh/id_rsa
                pkPasswd: "yes"
                port: "2222"
              hosts:
                - ips: [ 192.168.0.2, 192.168.0.3 ]
                  roles: [ master, etcd ]
                  env:
                    - etcd-dir=/data/etcd
                    - key1=value1
                  ssh:
                    user: admin
                    passwd: 'it''s: secret # really'
                    port: "22"
                  labels:
                    version: "1.10"
                    ssd: "true"
                  taints:
                    - key=value:NoSchedule
                - ips: [ 192.168.0.4-192.168.0.6 ]
                  roles: [ node ]
                  ssh:
                    passwd: "000000"
              cmd_args:
                - BindAddress=0.0.0.0
              cmdArgs:
                - ClusterCIDR=100.64.0.0/10
              cmd:
                - kubectl apply -f manifests/
              appNames: [ app1, "123" ]
              containerRuntime:
                type: containerd
              dataRoot: /data/sealer
              hostAliases:
                - ip: 192.168.0.100
                  hostnames: [ hub.local, "1.0" ]
              registry:
                localRegistry:
                  domain: sea.hub
                  port: 5001
                  username: admin
                  password: "123456"
                  ha: false
                  insecure: true
                  cert:
                    subjectAltName:
                      dnsNames: [ hub.example ]
                      ips: [ 10.0.0.9 ]
                externalRegistry:
                  domain: registry.example.com
                  port: 443
                  username: robot
                  password: "0x1F"
            ---
            apiVersion: sealer.io/v1
            kind: Plugin
            metadata:
              name: MyShell
            spec:
              type: SHELL
              action: PostInstall|PostJoin
              scope: master
              data: |2
                  indented first line
                trailing spaces   \s
                kubectl get nodes
            ---
            apiVersion: sealer.io/v1
            kind: Config
            metadata:
              name: mysql-config
            spec:
              path: etc/mysql.yaml
              appName: mysql
              strategy: merge
              process: value|toJson|toBase64
              data: |
                mysql-user: root
                mysql-passwd: "000000"
            ---
            apiVersion: kubeadm.k8s.io/v1beta3
            kind: ClusterConfiguration
            kubernetesVersion: v1.22.15
            networking:
              podSubnet: 100.64.0.0/10
            apiServer:
              extraArgs:
                feature-gates: "TTLAfterFinished=true"
                audit-log-maxage: "30"
              certSANs: [ 127.0.0.1, apiserver.cluster.local ]
            etcd:
              local:
                extraArgs:
                  quota-backend-bytes: 8589934592
            ---
            apiVersion: kubelet.config.k8s.io/v1beta1
            kind: KubeletConfiguration
            maxPods: 110
            cpuCFSQuota: true
            imageGCHighThresholdPercent: 85
            evictionHard:
              memory.available: 100Mi
            kubeAPIQPS: 5.5
            something: null
            mode: 0644
            quotedNumber: "6443"
            version: "1.10"
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: other
            spec:
              replicas: 3
            """;

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        Clusterfile original = parser.parse("every-field.yaml", EVERY_FIELD);

        String written = writer.write(original);
        Clusterfile back = parser.parse("written.yaml", written);

        assertThat(normalised(back)).isEqualTo(normalised(original));
        assertThat(back.cluster().ssh().password()).isEqualTo("000000");
        assertThat(back.cluster().hosts().get(0).labels()).containsEntry("version", "1.10");
        assertThat(back.kubeadm("KubeletConfiguration").orElseThrow().content())
                .containsEntry("maxPods", 110L).containsEntry("quotedNumber", "6443").containsEntry("kubeAPIQPS", 5.5);
    }

    @Test
    void writesTheV2SchemaWithoutWhatTheParserDerives() {
        Clusterfile original = parser.parse("every-field.yaml", EVERY_FIELD);

        String written = writer.write(original);

        assertThat(written).startsWith("apiVersion: sealer.io/v2\nkind: Cluster\n");
        assertThat(written).contains("hosts:", "roles:", "cmd_args:");
        assertThat(written).doesNotContain("LocalRegistryURL", "RegistryURL", "KubeSvcIP", "DNSSvcIP",
                "ContainerRuntime=", "cmdArgs:", "masters:");
        assertThat(written).contains("- SvcCIDR=10.96.0.0/22");
        // the first host keeps only what differs from the cluster's settings
        assertThat(written).contains("- etcd-dir=/data/etcd").doesNotContain("- key1=value1\n      ");
    }

    @Test
    void v1SchemaComesBackAsTheSameCluster() {
        String v1 = """
                apiVersion: sealer.aliyun.com/v1alpha1
                kind: Cluster
                metadata:
                  name: my-cluster
                spec:
                  image: kubernetes:v1.19.9
                  ssh:
                    passwd: Wang1994@
                    user: root
                  network:
                    podCIDR: 100.64.0.0/10
                    svcCIDR: 10.96.0.0/22
                  certSANS:
                    - aliyun-inc.com
                    - 10.0.0.2
                  masters:
                    ipList: [ 172.17.102.186, 172.17.102.187 ]
                  nodes:
                    ipList: [ 172.17.102.188 ]
                """;
        Clusterfile original = parser.parse("v1.yaml", v1);

        Clusterfile back = parser.parse("written.yaml", writer.write(original));

        assertThat(normalised(back)).isEqualTo(normalised(original));
        assertThat(back.cluster().env()).containsEntry("KubeSvcIP", "10.96.0.1").containsEntry("CertSANs",
                "aliyun-inc.com,10.0.0.2");
    }

    @Test
    void realClusterfilesSurviveTheRoundTrip() throws IOException, URISyntaxException {
        List<String> checked = new ArrayList<>();
        for (Path file : realClusterfiles()) {
            Clusterfile original;
            try {
                original = parser.parse(file);
            } catch (ClusterfileException e) {
                continue; // refused on purpose (provisioning, errors): nothing to write back
            }
            String written = writer.write(original);
            Clusterfile back = parser.parse(file + " (written)", written);
            assertThat(normalised(back)).as(file.toString()).isEqualTo(normalised(original));
            checked.add(file.getFileName().toString());
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(8).contains("sealer-v0.4.0-plugin-test_clusterfile.yaml",
                "sealer-v0.8.6-config-test_clusterfile.yaml", "seed-parser-test-00.yaml", "seed-parser-test-10.yaml");
    }

    private static List<Path> realClusterfiles() throws IOException, URISyntaxException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("/real-files/clusterfile",
                "/io/sealer/core/internal/clusterfile/ClusterfileParserFuzzTestInputs/parse")) {
            Path root = Path.of(ClusterfileWriterTest.class.getResource(dir).toURI());
            try (Stream<Path> listing = Files.list(root)) {
                listing.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** What the writer promises to keep: all but the source, warnings, the Cluster's apiVersion and positions. */
    static Clusterfile normalised(Clusterfile file) {
        Cluster c = file.cluster();
        Cluster cluster = new Cluster(c.name(), "", c.image(), c.ssh(), c.env(), c.hosts(), c.cmdArgs(), c.cmds(),
                c.appNames(), c.containerRuntime(), c.dataRoot(), c.hostAliases(), c.registry());
        return new Clusterfile("", cluster, file.plugins(), file.configs(), unplaced(file.kubeadmDocuments()),
                unplaced(file.otherDocuments()), List.of());
    }

    private static List<StructuredDocument> unplaced(List<StructuredDocument> documents) {
        return documents.stream().map(d -> new StructuredDocument(0, d.apiVersion(), d.kind(), d.content())).toList();
    }
}
