package io.sealer.core.internal.kubeadm;

import io.sealer.api.ClusterfileException;
import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.Host;
import io.sealer.api.cluster.LocalRegistry;
import io.sealer.api.cluster.StructuredDocument;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the kubeadm configuration of a cluster is made from.
 *
 * @param source the Clusterfile's name, for messages
 * @param clusterfileDocuments the Clusterfile's kubeadm documents ({@code InitConfiguration},
 *     {@code ClusterConfiguration}, {@code JoinConfiguration}, {@code KubeletConfiguration},
 *     {@code KubeProxyConfiguration})
 * @param imageKubeadmYaml the image's {@code etc/kubeadm.yml}, already rendered with the env; {@code ""} when the
 *     image has none
 * @param imageKubeadmSource the name of that file, for messages
 * @param master0 the master that runs {@code kubeadm init}
 * @param masters every master's IP, master0 included
 * @param env the cluster env ({@code PodCIDR}, {@code SvcCIDR}, {@code DNSDomain}, {@code CertSANs},
 *     {@code CgroupDriver}, {@code IPvsVIPv4}, {@code IPvsVIPv6}, {@code ContainerRuntime}, {@code UseIPasNodeName})
 * @param extraCertSans more API server certificate names (the CLI's {@code --alt-names})
 * @param registryUrl the registry images come from, {@code sea.hub:5000} by default
 * @param criSocket the CRI socket found on master0 ({@code /etc/sealerio/cri/socket-path}); {@code ""} when unknown.
 *     When set it wins over every other source, as in sealer main
 */
public record KubeadmInputs(String source, List<StructuredDocument> clusterfileDocuments, String imageKubeadmYaml,
        String imageKubeadmSource, String master0, List<String> masters, Map<String, String> env,
        List<String> extraCertSans, String registryUrl, String criSocket) {
    /** The default {@link #imageKubeadmSource()}. */
    public static final String IMAGE_KUBEADM_FILE = "etc/kubeadm.yml";

    public KubeadmInputs {
        source = source == null || source.isBlank() ? "Clusterfile" : source;
        clusterfileDocuments = clusterfileDocuments == null ? List.of() : List.copyOf(clusterfileDocuments);
        imageKubeadmYaml = imageKubeadmYaml == null ? "" : imageKubeadmYaml;
        imageKubeadmSource = imageKubeadmSource == null || imageKubeadmSource.isBlank() ? IMAGE_KUBEADM_FILE
                : imageKubeadmSource;
        master0 = master0 == null ? "" : master0.trim();
        masters = masters == null ? List.of() : List.copyOf(masters);
        env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
        extraCertSans = extraCertSans == null ? List.of() : List.copyOf(extraCertSans);
        registryUrl = registryUrl == null || registryUrl.isBlank()
                ? LocalRegistry.DEFAULT_DOMAIN + ":" + LocalRegistry.DEFAULT_PORT : registryUrl.trim();
        criSocket = criSocket == null ? "" : criSocket.trim();
    }

    /**
     * The inputs of a Clusterfile and an image's {@code etc/kubeadm.yml}: master0 and the masters from the hosts, the
     * cluster env, the registry in use.
     *
     * @param imageKubeadmYaml the rendered file, or {@code ""}
     * @param imageKubeadmSource its name for messages, or {@code null} for {@value #IMAGE_KUBEADM_FILE}
     * @throws ClusterfileException when the Clusterfile lists no master
     */
    public static KubeadmInputs of(Clusterfile clusterfile, String imageKubeadmYaml, String imageKubeadmSource) {
        Cluster cluster = clusterfile.cluster();
        String master0 = cluster.master0().orElseThrow(() -> new ClusterfileException(clusterfile.source(), 0,
                "spec.hosts", "no host has role master; kubeadm needs one to run kubeadm init"));
        return new KubeadmInputs(clusterfile.source(), clusterfile.kubeadmDocuments(), imageKubeadmYaml,
                imageKubeadmSource, master0, cluster.ipsWithRole(Host.ROLE_MASTER), cluster.env(), List.of(),
                cluster.registry().url(), "");
    }

    /** These inputs with more API server certificate names. */
    public KubeadmInputs withExtraCertSans(List<String> names) {
        return new KubeadmInputs(source, clusterfileDocuments, imageKubeadmYaml, imageKubeadmSource, master0, masters,
                env, names, registryUrl, criSocket);
    }

    /** These inputs with the CRI socket found on master0. */
    public KubeadmInputs withCriSocket(String socket) {
        return new KubeadmInputs(source, clusterfileDocuments, imageKubeadmYaml, imageKubeadmSource, master0, masters,
                env, extraCertSans, registryUrl, socket);
    }
}
