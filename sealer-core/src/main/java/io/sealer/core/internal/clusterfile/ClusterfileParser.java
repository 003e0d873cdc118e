package io.sealer.core.internal.clusterfile;

import io.sealer.api.ClusterfileException;
import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.ClusterDocuments;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.ConfigSpec;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.cluster.StructuredDocument;
import io.sealer.core.internal.clusterfile.YamlNode.MapNode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses a Clusterfile: a multi-document YAML file whose documents are decided by {@code kind} (apiVersion is
 * informational).
 *
 * <ul>
 *   <li>{@code Cluster} (exactly one; v1 {@code masters}/{@code nodes} or v2 {@code hosts} schema) becomes the
 *       {@link Cluster}; every scalar is read as written, so {@code passwd: 000000} stays {@code "000000"}. When it
 *       lists hosts, one must have role {@code master}: master0 (the first IP of the first master host) runs
 *       {@code kubeadm init}. One that lists none is accepted with a warning ({@code sealer run -m} supplies them);
 *       one that asks for hosts to be created (a cloud {@code provider}, a {@code count}) is an error.
 *       {@link #parseDocuments} does not require a Cluster (an image's plugin files have none).</li>
 *   <li>{@code Plugin} and {@code Config} become {@link PluginSpec} and {@link ConfigSpec}; a kubeconfig (also
 *       {@code kind: Config}, with clusters, contexts or users and no spec) is another tool's file and is kept
 *       with the other kinds.</li>
 *   <li>kubeadm kinds are kept as {@link StructuredDocument}s; any other kind is kept in
 *       {@link Clusterfile#otherDocuments()} and reported in {@link Clusterfile#warnings()}.</li>
 *   <li>Empty documents are skipped; unknown fields are reported as warnings.</li>
 * </ul>
 *
 * <p>Every problem, YAML syntax included, is a {@link ClusterfileException} naming the file, the line and a field path
 * such as {@code documents[2].spec.hosts[1].ips[0]}. Hostile input (huge files, deep nesting, alias bombs) is
 * rejected the same way. Instances are immutable and thread-safe.
 */
public final class ClusterfileParser {
    /** kubeadm kinds kept for the installer's kubeadm config merge. */
    public static final Set<String> KUBEADM_KINDS = Set.of("InitConfiguration", "JoinConfiguration",
            "ClusterConfiguration", "KubeletConfiguration", "KubeProxyConfiguration");

    private static final Set<String> KUBECONFIG_KEYS = Set.of("clusters", "contexts", "users", "current-context");

    private static final Logger LOG = LoggerFactory.getLogger(ClusterfileParser.class);

    private final YamlReader reader = new YamlReader();

    /**
     * True when the parser sets the cluster environment variable {@code key} itself (registry, service IP and
     * container-runtime entries, matched by prefix as sealer does): a user's entry of it is dropped, so a writer of
     * Clusterfiles leaves it out.
     */
    public static boolean isDerivedEnv(String key) {
        return DerivedEnv.RESERVED_PREFIXES.stream().anyMatch(key::startsWith);
    }

    /** Parses the file (read as UTF-8, streamed) as a Clusterfile: it must hold a {@code Cluster} document. */
    public Clusterfile parse(Path file) {
        return parseDocuments(file).toClusterfile();
    }

    /**
     * Parses Clusterfile text.
     *
     * @param source name of the text for messages, e.g. a file name
     * @param yamlText the YAML
     */
    public Clusterfile parse(String source, String yamlText) {
        return parseDocuments(source, yamlText).toClusterfile();
    }

    /**
     * Parses the file's documents without requiring a {@code Cluster}: an image's plugin file, a kubeadm file, or a
     * Clusterfile. Each document is validated as in {@link #parse(Path)}.
     */
    public ClusterDocuments parseDocuments(Path file) {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(source, reader.read(source, in));
        } catch (IOException e) {
            throw new ClusterfileException(source, 0, null, "cannot read the file: " + e.getMessage());
        }
    }

    /** Parses YAML text's documents without requiring a {@code Cluster}; see {@link #parseDocuments(Path)}. */
    public ClusterDocuments parseDocuments(String source, String yamlText) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(yamlText, "yamlText");
        return parse(source, reader.read(source, new StringReader(yamlText)));
    }

    private ClusterDocuments parse(String source, List<YamlDocument> documents) {
        Fields fields = new Fields(source);
        Cluster cluster = null;
        String clusterPath = null;
        List<PluginSpec> plugins = new ArrayList<>();
        List<ConfigSpec> configs = new ArrayList<>();
        List<StructuredDocument> kubeadm = new ArrayList<>();
        List<StructuredDocument> others = new ArrayList<>();
        for (YamlDocument document : documents) {
            if (document.isEmpty()) {
                continue;
            }
            String path = document.path();
            MapNode root = fields.map(document.root(), path);
            String kind = fields.requireValue(root, "kind", path).value().trim();
            String apiVersion = fields.optString(root, "apiVersion", path);
            if (kind.equals("Config") && isKubeconfig(root, fields)) {
                others.add(new StructuredDocument(document.index(), apiVersion == null ? "" : apiVersion, kind,
                        TreeConverter.toMap(root)));
                fields.warn(path, root.line(), "is a kubeconfig (kind Config with clusters, contexts or users and no"
                        + " spec), not a sealer Config; ignored");
                continue;
            }
            switch (kind) {
                case "Cluster" -> {
                    if (cluster != null) {
                        throw fields.error(path, root.line(),
                                "a second Cluster document (the first is " + clusterPath + "); a Clusterfile has"
                                        + " exactly one");
                    }
                    cluster = new ClusterDecoder(fields).decode(document, root);
                    clusterPath = path;
                }
                case "Plugin" -> plugins.add(new PluginDecoder(fields).decode(document, root));
                case "Config" -> configs.add(new ConfigDecoder(fields).decode(document, root));
                default -> {
                    StructuredDocument structured = new StructuredDocument(document.index(),
                            apiVersion == null ? "" : apiVersion, kind, TreeConverter.toMap(root));
                    if (KUBEADM_KINDS.contains(kind)) {
                        kubeadm.add(structured);
                    } else {
                        others.add(structured);
                        fields.warn(path, root.line(), "kind " + Fields.quote(kind)
                                + " is not supported by this version; kept in otherDocuments, not applied");
                    }
                }
            }
        }
        fields.warnings().forEach(w -> LOG.debug("Clusterfile warning: {}", w));
        return new ClusterDocuments(source, Optional.ofNullable(cluster), plugins, configs, kubeadm, others,
                fields.warnings());
    }

    /** kubectl's kubeconfig is also {@code kind: Config}: it has no {@code spec} but clusters, contexts or users. */
    private static boolean isKubeconfig(MapNode root, Fields fields) {
        return fields.child(root, "spec") == null && KUBECONFIG_KEYS.stream().anyMatch(k -> root.get(k) != null);
    }
}
