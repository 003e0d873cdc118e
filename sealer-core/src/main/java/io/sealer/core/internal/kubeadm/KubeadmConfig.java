package io.sealer.core.internal.kubeadm;

import io.sealer.core.internal.plan.Facts;
import io.sealer.core.internal.yaml.TreeCopies;
import io.sealer.core.internal.yaml.YamlText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A cluster's merged kubeadm configuration ({@link KubeadmConfigMerger}): the {@code kubeadm init} file and, per
 * joining host, the {@code kubeadm join} file. Join files carry the placeholders {@code @@token@@},
 * {@code @@ca-hash@@} and {@code @@cert-key@@} ({@link Facts}) for the values {@code kubeadm init} prints. Immutable.
 */
public final class KubeadmConfig {
    private final String apiVersion;
    private final KubernetesVersion kubernetesVersion;
    private final Map<String, Object> init;
    private final Map<String, Object> cluster;
    private final Map<String, Object> kubelet;
    private final Map<String, Object> proxy;
    private final Map<String, Object> join;
    private final List<String> certSans;
    private final boolean ipAsNodeName;
    private final List<String> warnings;
    private final YamlText yaml = new YamlText();

    KubeadmConfig(String apiVersion, KubernetesVersion kubernetesVersion, Map<String, Object> init,
            Map<String, Object> cluster, Map<String, Object> kubelet, Map<String, Object> proxy,
            Map<String, Object> join, List<String> certSans, boolean ipAsNodeName, List<String> warnings) {
        this.apiVersion = apiVersion;
        this.kubernetesVersion = kubernetesVersion;
        this.init = TreeCopies.unmodifiableMap(init);
        this.cluster = TreeCopies.unmodifiableMap(cluster);
        this.kubelet = TreeCopies.unmodifiableMap(kubelet);
        this.proxy = TreeCopies.unmodifiableMap(proxy);
        this.join = TreeCopies.unmodifiableMap(join);
        this.certSans = List.copyOf(certSans);
        this.ipAsNodeName = ipAsNodeName;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * The file of {@code kubeadm init}: InitConfiguration, ClusterConfiguration, KubeletConfiguration and
     * KubeProxyConfiguration, separated by {@code ---} lines.
     */
    public String initYaml() {
        return yaml.documents(List.of(init, cluster, kubelet, proxy));
    }

    /**
     * The file of {@code kubeadm join} for one host: the JoinConfiguration with token discovery through
     * {@code apiServerEndpoint}, the CRI socket of the init configuration, and for a control-plane host its own
     * advertise address and the certificate key.
     *
     * @param hostIp the joining host
     * @param controlPlane whether it joins as a master
     * @param apiServerEndpoint {@code host:port} it reaches the API server at: master0 for masters, the VIP for nodes
     */
    public String joinYaml(String hostIp, boolean controlPlane, String apiServerEndpoint) {
        requireText(hostIp, "hostIp");
        requireText(apiServerEndpoint, "apiServerEndpoint");
        Tree tree = new Tree(KubeadmConfigMerger.JOIN, TreeCopies.mutableMap(join));
        tree.put(apiServerEndpoint.trim(), "discovery", "bootstrapToken", "apiServerEndpoint");
        tree.put(Facts.placeholder(Facts.TOKEN), "discovery", "bootstrapToken", "token");
        tree.put(new ArrayList<Object>(List.of(Facts.placeholder(Facts.CA_HASH))), "discovery", "bootstrapToken",
                "caCertHashes");
        String criSocket = criSocket();
        if (!criSocket.isEmpty()) {
            tree.put(criSocket, "nodeRegistration", "criSocket");
        }
        if (ipAsNodeName) {
            tree.put(hostIp.trim(), "nodeRegistration", "name");
        }
        if (controlPlane) {
            tree.put(hostIp.trim(), "controlPlane", "localAPIEndpoint", "advertiseAddress");
            tree.put(bindPort(), "controlPlane", "localAPIEndpoint", "bindPort");
            if (!apiVersion.equals(KubeadmConfigMerger.V1BETA1)) {
                tree.put(Facts.placeholder(Facts.CERT_KEY), "controlPlane", "certificateKey");
            }
        } else {
            tree.remove("controlPlane");
        }
        return yaml.document(tree.ordered());
    }

    /** The Kubernetes version the cluster runs. */
    public KubernetesVersion kubernetesVersion() {
        return kubernetesVersion;
    }

    /** The kubeadm API version of the init and join files, such as {@code kubeadm.k8s.io/v1beta3}. */
    public String apiVersion() {
        return apiVersion;
    }

    /** The API server certificate's names, in order. */
    public List<String> certSans() {
        return certSans;
    }

    /** {@code networking.dnsDomain}. */
    public String dnsDomain() {
        return text(cluster, "networking", "dnsDomain");
    }

    /** {@code networking.serviceSubnet}. */
    public String serviceSubnet() {
        return text(cluster, "networking", "serviceSubnet");
    }

    /** {@code networking.podSubnet}. */
    public String podSubnet() {
        return text(cluster, "networking", "podSubnet");
    }

    /** The CRI socket of {@code InitConfiguration.nodeRegistration}. */
    public String criSocket() {
        return text(init, "nodeRegistration", "criSocket");
    }

    /**
     * One merged document by kind: {@code InitConfiguration}, {@code ClusterConfiguration},
     * {@code KubeletConfiguration}, {@code KubeProxyConfiguration}, or {@code JoinConfiguration} (before the per-host
     * values of {@link #joinYaml}); unmodifiable.
     */
    public Optional<Map<String, Object>> document(String kind) {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        all.put(KubeadmConfigMerger.INIT, init);
        all.put(KubeadmConfigMerger.CLUSTER, cluster);
        all.put(KubeadmConfigMerger.KUBELET, kubelet);
        all.put(KubeadmConfigMerger.PROXY, proxy);
        all.put(KubeadmConfigMerger.JOIN, join);
        return Optional.ofNullable(all.get(kind));
    }

    /** What was overridden or dropped, for the user to see. */
    public List<String> warnings() {
        return warnings;
    }

    private Object bindPort() {
        Object port = new Tree(KubeadmConfigMerger.INIT, init).get("localAPIEndpoint", "bindPort");
        return port == null || "".equals(port) ? (Object) (long) KubeadmConfigMerger.API_SERVER_PORT : port;
    }

    private static String text(Map<String, Object> document, String... path) {
        return new Tree("", document).string(path);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is empty");
        }
    }
}
