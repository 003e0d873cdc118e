package io.sealer.core.internal.kubeadm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sealer.api.ClusterfileException;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.StructuredDocument;
import io.sealer.core.internal.clusterfile.ClusterfileParser;
import io.sealer.core.internal.clusterfile.YamlTrees;
import io.sealer.core.internal.plan.Facts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeadmConfigMergerTest {
    private static final List<String> MASTERS = List.of("192.168.0.2", "192.168.0.3", "192.168.0.4");

    /**
     * An image's {@code etc/kubeadm.yml} after env rendering, in the style of sealer's base images (sealerio/basefs
     * {@code etc/kubeadm.yml.tmpl}): kubeadm v1beta2 for v1.19.8 with a stale advertise address and etcd server, a
     * cgroupfs kubelet and kube-proxy in IPVS mode.
     */
    static final String IMAGE_KUBEADM_YML = """
            apiVersion: kubeadm.k8s.io/v1beta2
            kind: InitConfiguration
            localAPIEndpoint:
              advertiseAddress: 172.16.0.181
              bindPort: 6443
            nodeRegistration:
              criSocket: /var/run/dockershim.sock
              taints: null
            ---
            apiVersion: kubeadm.k8s.io/v1beta2
            kind: ClusterConfiguration
            kubernetesVersion: v1.19.8
            controlPlaneEndpoint: apiserver.cluster.local:6443
            imageRepository: sea.hub:5000
            apiServer:
              certSANs:
                - image.example.com
              extraArgs:
                etcd-servers: https://172.16.0.181:2379
                feature-gates: TTLAfterFinished=true,EphemeralContainers=true
                audit-log-maxage: "7"
            controllerManager:
              extraArgs:
                experimental-cluster-signing-duration: 876000h
            dns:
              type: ""
            etcd:
              local:
                dataDir: ""
                extraArgs:
                  listen-metrics-urls: http://0.0.0.0:2381
            networking:
              podSubnet: 192.168.0.0/16
              serviceSubnet: 10.96.0.0/22
            ---
            apiVersion: kubelet.config.k8s.io/v1beta1
            kind: KubeletConfiguration
            cgroupDriver: cgroupfs
            maxPods: 110
            serializeImagePulls: true
            evictionHard:
              memory.available: 200Mi
            ---
            apiVersion: kubeproxy.config.k8s.io/v1alpha1
            kind: KubeProxyConfiguration
            clusterCIDR: ""
            ipvs:
              excludeCIDRs:
                - 10.103.97.2/32
              strictARP: false
            mode: ipvs
            """;

    private final KubeadmConfigMerger merger = new KubeadmConfigMerger();
    private final YamlTrees trees = new YamlTrees();

    private static List<StructuredDocument> documents(String yaml) {
        return new ClusterfileParser().parseDocuments("Clusterfile", yaml).kubeadmDocuments();
    }

    private static KubeadmInputs inputs(String clusterfileYaml, String imageYaml, Map<String, String> env) {
        return new KubeadmInputs("Clusterfile", documents(clusterfileYaml), imageYaml, null, MASTERS.get(0), MASTERS,
                env, List.of(), null, null);
    }

    private static Map<String, Object> doc(KubeadmConfig config, String kind) {
        return config.document(kind).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> document, String... path) {
        Object current = document;
        for (String name : path) {
            current = ((Map<String, Object>) current).get(name);
        }
        return current;
    }

    @Test
    void builtInDefaultsAndForcedValues() {
        KubeadmConfig config = merger.merge(inputs("""
                apiVersion: kubeadm.k8s.io/v1beta2
                kind: ClusterConfiguration
                kubernetesVersion: v1.22.17
                """, "", Map.of()));

        assertThat(config.apiVersion()).isEqualTo("kubeadm.k8s.io/v1beta2");
        assertThat(config.kubernetesVersion()).isEqualTo(new KubernetesVersion(1, 22, 17, "v1.22.17"));
        Map<String, Object> init = doc(config, "InitConfiguration");
        assertThat(at(init, "localAPIEndpoint")).isEqualTo(Map.of("advertiseAddress", "192.168.0.2",
                "bindPort", 6443L));
        assertThat(at(init, "nodeRegistration", "criSocket")).isEqualTo("/var/run/dockershim.sock");
        Map<String, Object> cluster = doc(config, "ClusterConfiguration");
        assertThat(at(cluster, "controlPlaneEndpoint")).isEqualTo("apiserver.cluster.local:6443");
        assertThat(at(cluster, "imageRepository")).isEqualTo("sea.hub:5000");
        assertThat(at(cluster, "networking")).isEqualTo(Map.of("podSubnet", "100.64.0.0/10",
                "serviceSubnet", "10.96.0.0/22", "dnsDomain", "cluster.local"));
        assertThat(at(cluster, "apiServer", "extraArgs", "etcd-servers"))
                .isEqualTo("https://192.168.0.2:2379,https://192.168.0.3:2379,https://192.168.0.4:2379");
        assertThat(at(cluster, "apiServer", "extraArgs", "audit-log-maxage")).isEqualTo("7");
        assertThat(at(cluster, "controllerManager", "extraArgs", "cluster-signing-duration")).isEqualTo("876000h");
        assertThat(at(cluster, "etcd", "local", "extraArgs", "listen-metrics-urls")).isEqualTo("http://0.0.0.0:2381");
        assertThat(at(cluster, "dns")).isNull();
        assertThat(config.certSans()).containsExactly("127.0.0.1", "apiserver.cluster.local", "10.103.97.2",
                "192.168.0.2", "192.168.0.3", "192.168.0.4");
        assertThat(at(cluster, "apiServer", "certSANs")).isEqualTo(config.certSans());
        assertThat(at(doc(config, "KubeProxyConfiguration"), "mode")).isEqualTo("ipvs");
        assertThat(at(doc(config, "KubeProxyConfiguration"), "ipvs", "excludeCIDRs")).isEqualTo(
                List.of("10.103.97.2/32"));
        assertThat(at(doc(config, "KubeletConfiguration"), "cgroupDriver")).isEqualTo("systemd");
        assertThat(at(doc(config, "KubeletConfiguration"), "clusterDomain")).isEqualTo("cluster.local");
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void initYamlIsFourTypedDocumentsInOrder() {
        KubeadmConfig config = merger.merge(inputs(
                "kind: ClusterConfiguration\napiVersion: kubeadm.k8s.io/v1beta3\nkubernetesVersion: v1.25.3\n", "",
                Map.of()));

        String yaml = config.initYaml();

        List<Object> parsed = trees.read("init", yaml);
        assertThat(parsed).extracting(d -> (Object) ((Map<?, ?>) d).get("kind")).containsExactly("InitConfiguration",
                "ClusterConfiguration", "KubeletConfiguration", "KubeProxyConfiguration");
        assertThat(yaml).startsWith("apiVersion: kubeadm.k8s.io/v1beta3\nkind: InitConfiguration\n")
                .contains("  bindPort: 6443\n", "    enabled: false\n", "maxPods: 110\n", "podPidsLimit: -1\n",
                        "  audit-log-maxage: \"7\"\n",
                        "\n---\napiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n");
        assertThat(parsed.get(0)).isEqualTo(doc(config, "InitConfiguration"));
        assertThat(parsed.get(1)).isEqualTo(doc(config, "ClusterConfiguration"));
    }

    @Test
    void clusterfileDocumentsOverTheImageFileOverDefaults() {
        Clusterfile clusterfile = new ClusterfileParser().parse("Clusterfile", """
                apiVersion: sealer.io/v2
                kind: Cluster
                metadata: {name: my-cluster}
                spec:
                  image: kubernetes:v1.19.8
                  env:
                    - SvcCIDR=10.96.0.0/16
                    - CertSANs=k8s.example.com,10.0.0.1
                  hosts:
                    - ips: [192.168.0.2, 192.168.0.3]
                      roles: [master]
                    - ips: [192.168.0.4]
                      roles: [node]
                ---
                apiVersion: kubeadm.k8s.io/v1beta3
                kind: InitConfiguration
                localAPIEndpoint:
                  bindPort: 6443
                nodeRegistration:
                  criSocket: /var/run/dockershim.sock
                ---
                apiVersion: kubeadm.k8s.io/v1beta2
                kind: ClusterConfiguration
                networking:
                  podSubnet: 10.244.0.0/16
                apiServer:
                  certSANs: [clusterfile.example.com]
                ---
                apiVersion: kubeproxy.config.k8s.io/v1alpha1
                kind: KubeProxyConfiguration
                mode: ipvs
                ipvs:
                  excludeCIDRs:
                    - 10.103.97.2/32
                """);

        KubeadmConfig config = merger.merge(KubeadmInputs.of(clusterfile, IMAGE_KUBEADM_YML, null));

        assertThat(config.apiVersion()).isEqualTo("kubeadm.k8s.io/v1beta2");
        assertThat(config.kubernetesVersion().text()).isEqualTo("v1.19.8");
        assertThat(config.podSubnet()).isEqualTo("10.244.0.0/16");
        assertThat(config.serviceSubnet()).isEqualTo("10.96.0.0/16");
        Map<String, Object> cluster = doc(config, "ClusterConfiguration");
        assertThat(at(cluster, "apiServer", "extraArgs")).isEqualTo(Map.of(
                "etcd-servers", "https://192.168.0.2:2379,https://192.168.0.3:2379",
                "feature-gates", "TTLAfterFinished=true,EphemeralContainers=true",
                "audit-log-maxage", "7",
                "audit-policy-file", "/etc/kubernetes/audit-policy.yml",
                "audit-log-path", "/var/log/kubernetes/audit.log",
                "audit-log-format", "json",
                "audit-log-maxbackup", "10",
                "audit-log-maxsize", "100",
                "enable-aggregator-routing", "true"));
        assertThat(at(cluster, "controllerManager", "extraArgs")).isEqualTo(
                Map.of("experimental-cluster-signing-duration", "876000h"));
        assertThat(at(cluster, "dns", "type")).isEqualTo("");
        assertThat(config.certSans()).containsExactly("127.0.0.1", "apiserver.cluster.local", "10.103.97.2",
                "192.168.0.2", "192.168.0.3", "k8s.example.com", "10.0.0.1", "clusterfile.example.com",
                "image.example.com");
        Map<String, Object> init = doc(config, "InitConfiguration");
        assertThat(at(init, "apiVersion")).isEqualTo("kubeadm.k8s.io/v1beta2");
        assertThat(at(init, "localAPIEndpoint", "advertiseAddress")).isEqualTo("192.168.0.2");
        Map<?, ?> registration = (Map<?, ?>) at(init, "nodeRegistration");
        assertThat(registration.get("criSocket")).isEqualTo("/var/run/dockershim.sock");
        assertThat(registration.containsKey("taints")).isTrue();
        assertThat(registration.get("taints")).isNull();
        Map<String, Object> kubelet = doc(config, "KubeletConfiguration");
        assertThat(at(kubelet, "cgroupDriver")).isEqualTo("systemd");
        assertThat(at(kubelet, "serializeImagePulls")).isEqualTo(true);
        assertThat(at(kubelet, "evictionHard")).as("mappings are filled key by key, as mergo does").isEqualTo(Map.of(
                "memory.available", "200Mi", "imagefs.available", "15%", "nodefs.available", "10%",
                "nodefs.inodesFree", "5%"));
        assertThat(at(kubelet, "failSwapOn")).isEqualTo(true);
        Map<String, Object> proxy = doc(config, "KubeProxyConfiguration");
        assertThat(at(proxy, "ipvs")).isEqualTo(Map.of("excludeCIDRs", List.of("10.103.97.2/32"),
                "strictARP", false));
        assertThat(at(proxy, "clusterCIDR")).isEqualTo("");
    }

    @ParameterizedTest
    @CsvSource({
        "v1.9.11, kubeadm.k8s.io/v1beta1",
        "v1.14.10, kubeadm.k8s.io/v1beta1",
        "v1.15.0, kubeadm.k8s.io/v1beta2",
        "v1.19.8, kubeadm.k8s.io/v1beta2",
        "v1.22.17, kubeadm.k8s.io/v1beta2",
        "v1.23.0, kubeadm.k8s.io/v1beta3",
        "1.23, kubeadm.k8s.io/v1beta3",
        "v1.28.2-rc.1, kubeadm.k8s.io/v1beta3",
        "v2.0.0, kubeadm.k8s.io/v1beta3"})
    void theKubeadmApiVersionFollowsTheKubernetesVersionNumerically(String version, String apiVersion) {
        KubeadmConfig config = merger.merge(inputs("kind: ClusterConfiguration\nkubernetesVersion: " + version + "\n",
                "", Map.of()));

        assertThat(config.apiVersion()).isEqualTo(apiVersion);
        assertThat(at(doc(config, "InitConfiguration"), "apiVersion")).isEqualTo(apiVersion);
        assertThat(at(doc(config, "ClusterConfiguration"), "apiVersion")).isEqualTo(apiVersion);
        assertThat(at(doc(config, "JoinConfiguration"), "apiVersion")).isEqualTo(apiVersion);
    }

    @Test
    void versionsCompareByNumberNotByText() {
        KubernetesVersion v19 = KubernetesVersion.parse("v1.9.0").orElseThrow();
        KubernetesVersion v123 = KubernetesVersion.parse("v1.23.0").orElseThrow();

        assertThat("v1.9.0".compareTo("v1.23.0")).isPositive();
        assertThat(v19).isLessThan(v123);
        assertThat(v19.isAtLeast(1, 15)).isFalse();
        assertThat(KubernetesVersion.parse("latest")).isEmpty();
        assertThat(KubernetesVersion.parse("v1.23.17").orElseThrow().isAtLeast(1, 23)).isTrue();
    }

    @Test
    void v1beta3GetsACorednsRepositoryAndLosesTheFieldsItDropped() {
        KubeadmConfig config = merger.merge(inputs("""
                kind: ClusterConfiguration
                kubernetesVersion: v1.26.5
                useHyperKubeImage: true
                dns:
                  type: kube-dns
                """, "", Map.of()));

        assertThat(at(doc(config, "ClusterConfiguration"), "dns")).isEqualTo(Map.of("imageRepository",
                "sea.hub:5000/coredns"));
        assertThat(doc(config, "ClusterConfiguration")).doesNotContainKey("useHyperKubeImage");
        assertThat(config.warnings()).containsExactly(
                "ClusterConfiguration.dns.type \"kube-dns\" is not part of kubeadm.k8s.io/v1beta3; dropped",
                "ClusterConfiguration.useHyperKubeImage \"true\" is not part of kubeadm.k8s.io/v1beta3; dropped");
    }

    @Test
    void forcedValuesWinOverTheClusterfileWithAWarning() {
        KubeadmConfig config = merger.merge(inputs("""
                kind: InitConfiguration
                localAPIEndpoint:
                  advertiseAddress: 10.0.0.9
                ---
                kind: ClusterConfiguration
                kubernetesVersion: v1.24.3
                controlPlaneEndpoint: my-lb:6443
                imageRepository: registry.example.com/k8s
                apiServer:
                  certSANs: [lb.example.com]
                  extraArgs:
                    etcd-servers: https://10.0.0.9:2379
                ---
                kind: KubeletConfiguration
                cgroupDriver: cgroupfs
                failSwapOn: false
                """, IMAGE_KUBEADM_YML, Map.of()));

        assertThat(at(doc(config, "InitConfiguration"), "localAPIEndpoint", "advertiseAddress"))
                .isEqualTo("192.168.0.2");
        Map<String, Object> cluster = doc(config, "ClusterConfiguration");
        assertThat(at(cluster, "controlPlaneEndpoint")).isEqualTo("apiserver.cluster.local:6443");
        assertThat(at(cluster, "imageRepository")).isEqualTo("registry.example.com/k8s");
        assertThat(at(cluster, "kubernetesVersion")).isEqualTo("v1.24.3");
        assertThat(at(cluster, "apiServer", "extraArgs", "etcd-servers")).asString().startsWith("https://192.168.0.2");
        assertThat(config.certSans()).contains("lb.example.com", "image.example.com").startsWith("127.0.0.1");
        assertThat(at(doc(config, "KubeletConfiguration"), "cgroupDriver")).isEqualTo("systemd");
        assertThat(at(doc(config, "KubeletConfiguration"), "failSwapOn")).isEqualTo(false);
        assertThat(config.warnings()).containsExactly(
                "Clusterfile: ClusterConfiguration.controlPlaneEndpoint \"my-lb:6443\" is replaced by"
                        + " \"apiserver.cluster.local:6443\": sealer sets it",
                "Clusterfile: InitConfiguration.localAPIEndpoint.advertiseAddress \"10.0.0.9\" is replaced by"
                        + " \"192.168.0.2\": sealer sets it",
                "Clusterfile: KubeletConfiguration.cgroupDriver \"cgroupfs\" is replaced by \"systemd\": sealer"
                        + " sets it");
    }

    @Test
    void theEnvSetsNetworkingVipCgroupDriverAndCriSocket() {
        Map<String, String> env = Map.of("PodCIDR", "10.244.0.0/16", "SvcCIDR", "10.96.0.0/12",
                "DNSDomain", "corp.local", "IPvsVIPv4", "10.103.97.100", "CgroupDriver", "cgroupfs",
                "ContainerRuntime", "containerd", "UseIPasNodeName", "true");

        KubeadmConfig config = merger.merge(inputs("kind: ClusterConfiguration\nkubernetesVersion: v1.27.4\n",
                IMAGE_KUBEADM_YML.replace("v1.19.8", "v1.27.4"), env));

        assertThat(config.podSubnet()).isEqualTo("10.244.0.0/16");
        assertThat(config.serviceSubnet()).isEqualTo("10.96.0.0/12");
        assertThat(config.dnsDomain()).isEqualTo("corp.local");
        assertThat(at(doc(config, "KubeletConfiguration"), "clusterDomain")).isEqualTo("corp.local");
        assertThat(at(doc(config, "KubeletConfiguration"), "cgroupDriver")).isEqualTo("cgroupfs");
        assertThat(config.certSans()).containsSubsequence("apiserver.cluster.local", "10.103.97.100", "192.168.0.2");
        assertThat(at(doc(config, "KubeProxyConfiguration"), "ipvs", "excludeCIDRs")).isEqualTo(
                List.of("10.103.97.2/32", "10.103.97.100/32"));
        assertThat(config.criSocket()).isEqualTo("/var/run/dockershim.sock");
        assertThat(at(doc(config, "InitConfiguration"), "nodeRegistration", "name")).isEqualTo("192.168.0.2");

        KubeadmConfig withoutImageSocket = merger.merge(inputs(
                "kind: ClusterConfiguration\nkubernetesVersion: v1.27.4\n", "", env));
        assertThat(withoutImageSocket.criSocket()).isEqualTo("unix:///run/containerd/containerd.sock");

        KubeadmConfig detected = merger.merge(inputs("kind: ClusterConfiguration\nkubernetesVersion: v1.27.4\n",
                IMAGE_KUBEADM_YML, env).withCriSocket("unix:///run/k3s/containerd.sock"));
        assertThat(detected.criSocket()).isEqualTo("unix:///run/k3s/containerd.sock");
    }

    @Test
    void aClusterfileSubnetThatDiffersFromTheEnvIsKeptWithAWarning() {
        KubeadmConfig config = merger.merge(inputs("""
                kind: ClusterConfiguration
                kubernetesVersion: v1.22.17
                networking: {podSubnet: 10.244.0.0/16}
                """, "", Map.of("PodCIDR", "100.64.0.0/10")));

        assertThat(config.podSubnet()).isEqualTo("10.244.0.0/16");
        assertThat(config.warnings()).singleElement().asString().contains("networking.podSubnet", "PodCIDR");
    }

    @Test
    void ipv6MastersUseTheIpv6Vip() {
        KubeadmConfig config = merger.merge(new KubeadmInputs("Clusterfile",
                documents("kind: ClusterConfiguration\nkubernetesVersion: v1.25.0\n"), "", null, "fd00::2",
                List.of("fd00::2", "fd00::3"), Map.of(), List.of("extra.example.com"), "reg.example.com:443", ""));

        assertThat(config.certSans()).containsExactly("127.0.0.1", "apiserver.cluster.local",
                KubeadmConfigMerger.DEFAULT_VIP_V6, "fd00::2", "fd00::3", "extra.example.com");
        assertThat(at(doc(config, "KubeProxyConfiguration"), "ipvs", "excludeCIDRs"))
                .isEqualTo(List.of(KubeadmConfigMerger.DEFAULT_VIP_V6 + "/128"));
        assertThat(at(doc(config, "ClusterConfiguration"), "apiServer", "extraArgs", "etcd-servers"))
                .isEqualTo("https://[fd00::2]:2379,https://[fd00::3]:2379");
        assertThat(at(doc(config, "ClusterConfiguration"), "imageRepository")).isEqualTo("reg.example.com:443");
        assertThat(at(doc(config, "ClusterConfiguration"), "dns", "imageRepository"))
                .isEqualTo("reg.example.com:443/coredns");
    }

    @Test
    void joinYamlForAWorkerNode() {
        KubeadmConfig config = merger.merge(inputs("""
                kind: ClusterConfiguration
                kubernetesVersion: v1.23.17
                ---
                kind: InitConfiguration
                nodeRegistration:
                  criSocket: unix:///run/containerd/containerd.sock
                ---
                kind: JoinConfiguration
                nodeRegistration:
                  kubeletExtraArgs:
                    node-labels: zone=a
                controlPlane:
                  localAPIEndpoint:
                    advertiseAddress: 1.1.1.1
                """, "", Map.of()));

        String yaml = config.joinYaml("192.168.0.10", false, "10.103.97.2:6443");

        Map<?, ?> join = (Map<?, ?>) trees.read("join", yaml).get(0);
        assertThat(join).isEqualTo(Map.of(
                "apiVersion", "kubeadm.k8s.io/v1beta3",
                "kind", "JoinConfiguration",
                "nodeRegistration", Map.of("kubeletExtraArgs", Map.of("node-labels", "zone=a"),
                        "criSocket", "unix:///run/containerd/containerd.sock"),
                "caCertPath", "/etc/kubernetes/pki/ca.crt",
                "discovery", Map.of("timeout", "5m0s", "bootstrapToken", Map.of(
                        "apiServerEndpoint", "10.103.97.2:6443", "token", "@@token@@",
                        "caCertHashes", List.of("@@ca-hash@@")))));
        String rendered = Facts.of(Map.of(Facts.TOKEN, "abcdef.0123456789abcdef", Facts.CA_HASH,
                "sha256:0123abcd")).render(yaml);
        assertThat(trees.read("rendered", rendered).get(0)).asString()
                .contains("token=abcdef.0123456789abcdef", "caCertHashes=[sha256:0123abcd]");
    }

    @Test
    void joinYamlForAMaster() {
        KubeadmConfig config = merger.merge(inputs("kind: ClusterConfiguration\nkubernetesVersion: v1.22.17\n",
                IMAGE_KUBEADM_YML, Map.of()));

        String yaml = config.joinYaml("192.168.0.3", true, "192.168.0.2:6443");

        Map<?, ?> join = (Map<?, ?>) trees.read("join", yaml).get(0);
        assertThat(join.get("controlPlane")).isEqualTo(Map.of(
                "localAPIEndpoint", Map.of("advertiseAddress", "192.168.0.3", "bindPort", 6443L),
                "certificateKey", "@@cert-key@@"));
        assertThat(join.get("apiVersion")).isEqualTo("kubeadm.k8s.io/v1beta2");
        assertThat(yaml).contains("    bindPort: 6443\n", "    apiServerEndpoint: 192.168.0.2:6443\n");
        assertThat(Facts.placeholders(yaml)).containsExactly("token", "ca-hash", "cert-key");
        assertThatThrownBy(() -> config.joinYaml(" ", true, "192.168.0.2:6443"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void v1beta1MasterJoinsHaveNoCertificateKey() {
        KubeadmConfig config = merger.merge(inputs("kind: ClusterConfiguration\nkubernetesVersion: v1.14.10\n", "",
                Map.of()));

        Map<?, ?> join = (Map<?, ?>) trees.read("join", config.joinYaml("192.168.0.3", true, "192.168.0.2:6443"))
                .get(0);

        assertThat(((Map<?, ?>) join.get("controlPlane")).containsKey("certificateKey")).isFalse();
        assertThat(((Map<?, ?>) join.get("controlPlane")).containsKey("localAPIEndpoint")).isTrue();
    }

    @Test
    void aMissingKubernetesVersionSaysWhereItWasLookedFor() {
        ClusterfileException noDocuments = catchThrowableOfType(ClusterfileException.class,
                () -> merger.merge(inputs("kind: KubeletConfiguration\nmaxPods: 200\n", "", Map.of())));
        ClusterfileException noVersion = catchThrowableOfType(ClusterfileException.class, () -> merger.merge(inputs(
                "kind: ClusterConfiguration\nimageRepository: x\n",
                "apiVersion: kubeadm.k8s.io/v1beta2\nkind: ClusterConfiguration\nimageRepository: y\n", Map.of())));

        assertThat(noDocuments.getMessage()).isEqualTo("Clusterfile: ClusterConfiguration.kubernetesVersion: not set:"
                + " the Clusterfile has no ClusterConfiguration document and the image's etc/kubeadm.yml is absent;"
                + " set kubernetesVersion (such as v1.23.17) in a ClusterConfiguration document of the Clusterfile");
        assertThat(noVersion.getMessage()).contains("the Clusterfile its ClusterConfiguration has no kubernetesVersion",
                "etc/kubeadm.yml has no kubernetesVersion in its ClusterConfiguration");
    }

    @Test
    void errorsNameTheFileAndField() {
        assertThatThrownBy(() -> merger.merge(inputs("", IMAGE_KUBEADM_YML.replace("v1.19.8", "latest"), Map.of())))
                .isInstanceOf(ClusterfileException.class).hasMessage("etc/kubeadm.yml: ClusterConfiguration"
                        + ".kubernetesVersion: \"latest\" is not a Kubernetes version; expected one such as v1.23.17");
        assertThatThrownBy(() -> merger.merge(inputs("", "kind: ClusterConfiguration\nnetworking: [\n", Map.of())))
                .isInstanceOf(ClusterfileException.class).hasMessageStartingWith("etc/kubeadm.yml:");
        assertThatThrownBy(() -> merger.merge(inputs(
                "kind: ClusterConfiguration\nkubernetesVersion: v1.22.0\n---\nkind: ClusterConfiguration\n", "",
                Map.of()))).hasMessage("Clusterfile: documents[1]: a second ClusterConfiguration document (the first"
                        + " is documents[0]); give each kubeadm kind once");
        assertThatThrownBy(() -> merger.merge(inputs(
                "kind: ClusterConfiguration\nkubernetesVersion: v1.22.0\netcd:\n  external:\n    endpoints: [x]\n", "",
                Map.of()))).hasMessageContaining("ClusterConfiguration.etcd.external: sealer installs a local");
        assertThatThrownBy(() -> merger.merge(inputs(
                "kind: ClusterConfiguration\nkubernetesVersion: v1.22.0\nnetworking: flat\n", "", Map.of())))
                .hasMessageContaining("ClusterConfiguration.networking: expected a mapping");
        assertThatThrownBy(() -> merger.merge(new KubeadmInputs("Clusterfile", List.of(), "", null, "", List.of(),
                Map.of(), List.of(), null, null))).hasMessageContaining("spec.hosts: no master0");
    }
}
