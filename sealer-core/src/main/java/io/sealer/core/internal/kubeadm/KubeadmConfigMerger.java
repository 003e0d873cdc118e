package io.sealer.core.internal.kubeadm;

import io.sealer.api.ClusterfileException;
import io.sealer.api.cluster.StructuredDocument;
import io.sealer.core.internal.clusterfile.YamlTrees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Works out a cluster's kubeadm configuration as sealer does (spec section 4.4), without any I/O.
 *
 * <p>Each kind is the Clusterfile's document, with what it leaves empty (absent, null or {@code ""}) filled from the
 * image's {@code etc/kubeadm.yml}, then from built-in defaults; mappings are filled key by key, lists are taken whole.
 * On top of that:
 * <ul>
 *   <li>forced: {@code InitConfiguration.localAPIEndpoint.advertiseAddress} = master0,
 *       {@code ClusterConfiguration.controlPlaneEndpoint} = {@code apiserver.cluster.local:6443},
 *       {@code apiServer.extraArgs.etcd-servers} = every master's etcd (as sealer main; images ship a stale
 *       address there), {@code KubeletConfiguration.cgroupDriver} = env {@code CgroupDriver} or {@code systemd} (the
 *       container runtime scripts use the same value), a local etcd (an external one is an error), and the CRI socket
 *       found on master0 when there is one. A Clusterfile value that a forced value replaces is reported in
 *       {@link KubeadmConfig#warnings()};</li>
 *   <li>{@code apiServer.certSANs} = {@code 127.0.0.1}, {@code apiserver.cluster.local}, the VIP (env
 *       {@code IPvsVIPv4}/{@code IPvsVIPv6} or sealer's default), every master, env {@code CertSANs} (a comma list),
 *       the extra names, then the Clusterfile's and the image's names, without duplicates;</li>
 *   <li>from the env, when the Clusterfile's ClusterConfiguration does not say (and over the image):
 *       {@code networking.podSubnet} ({@code PodCIDR}), {@code serviceSubnet} ({@code SvcCIDR}), {@code dnsDomain}
 *       ({@code DNSDomain}, else {@code cluster.local}; the kubelet's {@code clusterDomain} follows it);</li>
 *   <li>defaults: {@code imageRepository} = the registry URL, kube-proxy mode {@code ipvs} with
 *       {@code ipvs.excludeCIDRs} always including the VIP, {@code bindPort} 6443, the CRI socket of env
 *       {@code ContainerRuntime}, {@code dns.imageRepository} = {@code <registry>/coredns} for v1beta3;</li>
 *   <li>the kubeadm API version from {@code kubernetesVersion}, compared numerically: v1.23 and later
 *       {@code kubeadm.k8s.io/v1beta3}, v1.15 and later {@code v1beta2}, else {@code v1beta1}. For v1beta3 the
 *       fields it dropped ({@code dns.type}, {@code useHyperKubeImage}) are removed.</li>
 * </ul>
 * Errors are {@link ClusterfileException}s naming the file and the field. Instances are immutable and thread-safe.
 */
public final class KubeadmConfigMerger {
    /** The API server's name in every kubeconfig and certificate. */
    public static final String API_SERVER_DOMAIN = "apiserver.cluster.local";
    /** The API server's port. */
    public static final int API_SERVER_PORT = 6443;
    /** The IPVS virtual IP nodes reach the masters through, unless env {@code IPvsVIPv4} says otherwise. */
    public static final String DEFAULT_VIP_V4 = "10.103.97.2";
    /** The IPv6 virtual IP, unless env {@code IPvsVIPv6} says otherwise. */
    public static final String DEFAULT_VIP_V6 = "1248:4003:10bb:6a01:83b9:6360:c66d:0002";

    static final String INIT = "InitConfiguration";
    static final String CLUSTER = "ClusterConfiguration";
    static final String JOIN = "JoinConfiguration";
    static final String KUBELET = "KubeletConfiguration";
    static final String PROXY = "KubeProxyConfiguration";
    static final Set<String> KINDS = Set.of(INIT, CLUSTER, JOIN, KUBELET, PROXY);

    static final String V1BETA1 = "kubeadm.k8s.io/v1beta1";
    static final String V1BETA2 = "kubeadm.k8s.io/v1beta2";
    static final String V1BETA3 = "kubeadm.k8s.io/v1beta3";

    private final YamlTrees trees = new YamlTrees();
    private final Map<String, Map<String, Object>> defaults = KubeadmDefaults.documents(trees);

    /**
     * The kubeadm configuration of the inputs.
     *
     * @throws ClusterfileException naming the file and field: no master0, no or an unreadable
     *     {@code kubernetesVersion}, an invalid image {@code etc/kubeadm.yml}, a field of the wrong shape, external
     *     etcd
     */
    public KubeadmConfig merge(KubeadmInputs inputs) {
        return new Merge(inputs).run();
    }

    /** The kubeadm API version for a Kubernetes version. */
    static String apiVersionFor(KubernetesVersion version) {
        if (version.isAtLeast(1, 23)) {
            return V1BETA3;
        }
        return version.isAtLeast(1, 15) ? V1BETA2 : V1BETA1;
    }

    /** One merge: its inputs, the documents by kind, and the warnings so far. */
    private final class Merge {
        private final KubeadmInputs in;
        private final List<String> warnings = new ArrayList<>();
        private final Map<String, StructuredDocument> fromClusterfile = new LinkedHashMap<>();
        private final Map<String, Map<String, Object>> fromImage = new LinkedHashMap<>();

        Merge(KubeadmInputs in) {
            this.in = in;
        }

        KubeadmConfig run() {
            if (in.master0().isEmpty()) {
                throw new ClusterfileException(in.source(), 0, "spec.hosts",
                        "no master0: kubeadm init needs a host with role master");
            }
            List<String> masters = new ArrayList<>(new LinkedHashSet<>(concat(List.of(in.master0()), in.masters())));
            readClusterfile();
            readImage();
            boolean ipv6 = in.master0().contains(":");
            String vip = env(ipv6 ? "IPvsVIPv6" : "IPvsVIPv4", ipv6 ? DEFAULT_VIP_V6 : DEFAULT_VIP_V4);

            Tree cluster = Tree.copyOf(CLUSTER, clusterfile(CLUSTER));
            fromEnv(cluster, "PodCIDR", "networking", "podSubnet");
            fromEnv(cluster, "SvcCIDR", "networking", "serviceSubnet");
            fromEnv(cluster, "DNSDomain", "networking", "dnsDomain");
            List<String> certSans = certSans(cluster, vip, masters);
            cluster.fillFrom(fromImage.get(CLUSTER));
            KubernetesVersion version = version(cluster);
            String apiVersion = apiVersionFor(version);
            forceCluster(cluster, version, apiVersion, certSans, masters);

            Tree init = init(apiVersion, version);
            Tree kubelet = kubelet(cluster.string("networking", "dnsDomain"));
            Tree proxy = proxy(vip, ipv6);
            Tree join = join(apiVersion);
            return new KubeadmConfig(apiVersion, version, init.ordered(), cluster.ordered(), kubelet.ordered(),
                    proxy.ordered(), join.ordered(), certSans, isTrue(in.env().get("UseIPasNodeName")), warnings);
        }

        private void readClusterfile() {
            for (StructuredDocument document : in.clusterfileDocuments()) {
                if (!KINDS.contains(document.kind())) {
                    continue;
                }
                StructuredDocument first = fromClusterfile.putIfAbsent(document.kind(), document);
                if (first != null) {
                    throw new ClusterfileException(in.source(), 0, "documents[" + document.index() + "]",
                            "a second " + document.kind() + " document (the first is documents[" + first.index()
                                    + "]); give each kubeadm kind once");
                }
            }
        }

        private void readImage() {
            if (in.imageKubeadmYaml().isBlank()) {
                return;
            }
            List<Object> documents = trees.read(in.imageKubeadmSource(), in.imageKubeadmYaml());
            for (int i = 0; i < documents.size(); i++) {
                Object document = documents.get(i);
                if (document == null) {
                    continue;
                }
                String path = "documents[" + i + "]";
                if (!(document instanceof Map<?, ?> map) || !(map.get("kind") instanceof String kind)) {
                    throw new ClusterfileException(in.imageKubeadmSource(), 0, path,
                            "expected a kubeadm document (a mapping with a kind)");
                }
                if (!KINDS.contains(kind)) {
                    warnings.add(in.imageKubeadmSource() + ": " + path + ": kind " + kind
                            + " is not a kubeadm kind; ignored");
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> content = (Map<String, Object>) map;
                if (fromImage.putIfAbsent(kind, content) != null) {
                    throw new ClusterfileException(in.imageKubeadmSource(), 0, path,
                            "a second " + kind + " document; the file may hold each kubeadm kind once");
                }
            }
        }

        private Map<String, Object> clusterfile(String kind) {
            StructuredDocument document = fromClusterfile.get(kind);
            return document == null ? null : document.content();
        }

        private void fromEnv(Tree cluster, String key, String... path) {
            String value = in.env().getOrDefault(key, "").trim();
            if (value.isEmpty()) {
                return;
            }
            if (cluster.isSet(path) && !cluster.string(path).equals(value)) {
                warnings.add(in.source() + ": " + cluster.field(path) + " \"" + cluster.string(path)
                        + "\" differs from env " + key + " \"" + value + "\", which the image's templates and"
                        + " scripts use; kept " + cluster.string(path));
                return;
            }
            cluster.put(value, path);
        }

        private List<String> certSans(Tree cluster, String vip, List<String> masters) {
            Set<String> names = new LinkedHashSet<>();
            names.add("127.0.0.1");
            names.add(API_SERVER_DOMAIN);
            names.add(vip);
            names.addAll(masters);
            for (String name : in.env().getOrDefault("CertSANs", "").split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
            in.extraCertSans().stream().filter(n -> !n.isBlank()).map(String::trim).forEach(names::add);
            names.addAll(cluster.strings("apiServer", "certSANs"));
            Map<String, Object> image = fromImage.get(CLUSTER);
            if (image != null) {
                names.addAll(new Tree(CLUSTER, image).strings("apiServer", "certSANs"));
            }
            return List.copyOf(names);
        }

        private KubernetesVersion version(Tree cluster) {
            String text = cluster.string("kubernetesVersion").trim();
            if (text.isEmpty()) {
                String inClusterfile = clusterfile(CLUSTER) == null ? "has no ClusterConfiguration document"
                        : "its ClusterConfiguration has no kubernetesVersion";
                String inImage = in.imageKubeadmYaml().isBlank() ? "is absent"
                        : fromImage.containsKey(CLUSTER) ? "has no kubernetesVersion in its ClusterConfiguration"
                        : "has no ClusterConfiguration document";
                throw new ClusterfileException(in.source(), 0, "ClusterConfiguration.kubernetesVersion",
                        "not set: the Clusterfile " + inClusterfile + " and the image's " + in.imageKubeadmSource()
                                + " " + inImage + "; set kubernetesVersion (such as v1.23.17) in a"
                                + " ClusterConfiguration document of the Clusterfile");
            }
            boolean fromClusterfileDocument = new Tree(CLUSTER, clusterfile(CLUSTER) == null ? Map.of()
                    : clusterfile(CLUSTER)).isSet("kubernetesVersion");
            return KubernetesVersion.parse(text).orElseThrow(() -> new ClusterfileException(
                    fromClusterfileDocument ? in.source() : in.imageKubeadmSource(), 0,
                    "ClusterConfiguration.kubernetesVersion", "\"" + text
                            + "\" is not a Kubernetes version; expected one such as v1.23.17"));
        }

        private void forceCluster(Tree cluster, KubernetesVersion version, String apiVersion, List<String> certSans,
                List<String> masters) {
            Map<String, Object> defaultCluster = new LinkedHashMap<>(defaults.get(CLUSTER));
            defaultCluster.put("imageRepository", in.registryUrl());
            if (version.isAtLeast(1, 19)
                    && !cluster.isSet("controllerManager", "extraArgs", "experimental-cluster-signing-duration")) {
                cluster.fill("876000h", "controllerManager", "extraArgs", "cluster-signing-duration");
            }
            cluster.fillFrom(defaultCluster);
            force(cluster, API_SERVER_DOMAIN + ":" + API_SERVER_PORT, "controlPlaneEndpoint");
            cluster.put(new ArrayList<Object>(certSans), "apiServer", "certSANs");
            cluster.put(etcdServers(masters), "apiServer", "extraArgs", "etcd-servers");
            if (cluster.get("etcd", "external") != null) {
                throw new ClusterfileException(in.source(), 0, "ClusterConfiguration.etcd.external",
                        "sealer installs a local (stacked) etcd on the masters; external etcd is not supported");
            }
            if (!(cluster.get("etcd", "local") instanceof Map<?, ?>)) {
                cluster.put(new LinkedHashMap<String, Object>(), "etcd", "local");
            }
            if (apiVersion.equals(V1BETA3)) {
                cluster.fill(in.registryUrl() + "/coredns", "dns", "imageRepository");
                dropRemoved(cluster, "dns", "type");
                dropRemoved(cluster, "useHyperKubeImage");
            }
            cluster.put(apiVersion, "apiVersion");
            cluster.put(CLUSTER, "kind");
        }

        private void dropRemoved(Tree tree, String... path) {
            Object removed = tree.remove(path);
            if (removed != null && !"".equals(removed) && !"CoreDNS".equals(removed)
                    && !Boolean.FALSE.equals(removed)) {
                warnings.add(tree.field(path) + " \"" + removed + "\" is not part of " + V1BETA3 + "; dropped");
            }
        }

        private Tree init(String apiVersion, KubernetesVersion version) {
            Tree init = Tree.copyOf(INIT, clusterfile(INIT));
            force(init, in.master0(), "localAPIEndpoint", "advertiseAddress");
            if (!in.criSocket().isEmpty()) {
                init.put(in.criSocket(), "nodeRegistration", "criSocket");
            }
            if (isTrue(in.env().get("UseIPasNodeName"))) {
                init.fill(in.master0(), "nodeRegistration", "name");
            }
            init.fillFrom(fromImage.get(INIT));
            init.fillFrom(defaults.get(INIT));
            init.fill(defaultCriSocket(version), "nodeRegistration", "criSocket");
            init.put(apiVersion, "apiVersion");
            init.put(INIT, "kind");
            return init;
        }

        private String defaultCriSocket(KubernetesVersion version) {
            boolean containerd = "containerd".equalsIgnoreCase(in.env().getOrDefault("ContainerRuntime", "").trim());
            if (version.isAtLeast(1, 24)) {
                return containerd ? "unix:///run/containerd/containerd.sock" : "unix:///var/run/cri-dockerd.sock";
            }
            return containerd ? "/run/containerd/containerd.sock" : "/var/run/dockershim.sock";
        }

        private Tree kubelet(String dnsDomain) {
            Tree kubelet = Tree.copyOf(KUBELET, clusterfile(KUBELET));
            force(kubelet, env("CgroupDriver", "systemd"), "cgroupDriver");
            kubelet.fill(dnsDomain, "clusterDomain");
            kubelet.fillFrom(fromImage.get(KUBELET));
            kubelet.fillFrom(defaults.get(KUBELET));
            kubelet.put(KUBELET, "kind");
            return kubelet;
        }

        private Tree proxy(String vip, boolean ipv6) {
            Tree proxy = Tree.copyOf(PROXY, clusterfile(PROXY));
            proxy.fillFrom(fromImage.get(PROXY));
            proxy.fillFrom(defaults.get(PROXY));
            List<Object> excluded = new ArrayList<>(proxy.strings("ipvs", "excludeCIDRs"));
            String vipCidr = vip + (ipv6 ? "/128" : "/32");
            if (!excluded.contains(vipCidr)) {
                excluded.add(vipCidr);
            }
            proxy.put(excluded, "ipvs", "excludeCIDRs");
            proxy.put(PROXY, "kind");
            return proxy;
        }

        private Tree join(String apiVersion) {
            Tree join = Tree.copyOf(JOIN, clusterfile(JOIN));
            if (join.remove("nodeRegistration", "name") != null) {
                warnings.add(in.source() + ": JoinConfiguration.nodeRegistration.name would name every joining host"
                        + " the same; dropped (env UseIPasNodeName=true names each host by its IP)");
            }
            if (join.remove("discovery", "file") != null) {
                warnings.add(in.source() + ": JoinConfiguration.discovery.file dropped: hosts join with the"
                        + " bootstrap token of kubeadm init");
            }
            join.fillFrom(fromImage.get(JOIN));
            join.fillFrom(defaults.get(JOIN));
            join.put(apiVersion, "apiVersion");
            join.put(JOIN, "kind");
            return join;
        }

        /** Sets a forced value, reporting a different one the Clusterfile gave. */
        private void force(Tree tree, Object value, String... path) {
            Map<String, Object> given = clusterfile(tree.kind());
            if (given != null) {
                Tree original = new Tree(tree.kind(), given);
                if (original.isSet(path) && !original.string(path).equals(String.valueOf(value))) {
                    warnings.add(in.source() + ": " + tree.field(path) + " \"" + original.string(path)
                            + "\" is replaced by \"" + value + "\": sealer sets it");
                }
            }
            tree.put(value, path);
        }

        private String env(String key, String fallback) {
            String value = in.env().getOrDefault(key, "").trim();
            return value.isEmpty() ? fallback : value;
        }
    }

    private static String etcdServers(List<String> masters) {
        List<String> endpoints = new ArrayList<>();
        for (String master : masters) {
            endpoints.add("https://" + (master.contains(":") ? "[" + master + "]" : master) + ":2379");
        }
        return String.join(",", endpoints);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    static boolean isTrue(String value) {
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
    }
}
