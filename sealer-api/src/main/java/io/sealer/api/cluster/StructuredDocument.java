package io.sealer.api.cluster;

import java.util.Map;

/**
 * A YAML document kept as a tree: kubeadm kinds ({@code InitConfiguration}, {@code JoinConfiguration},
 * {@code ClusterConfiguration}, {@code KubeletConfiguration}, {@code KubeProxyConfiguration}) for the installer, and
 * kinds this version does not interpret.
 *
 * @param index 0-based position of the document in its file
 * @param apiVersion the document's apiVersion
 * @param kind the document's kind
 * @param content the whole document, unmodifiable: nested values are {@code Map<String, Object>} (in file order),
 *     {@code List<Object>}, {@code String}, {@code Long} (plain decimal integers), {@code Double} (plain decimal
 *     numbers), {@code Boolean} or {@code null}; every other scalar (such as {@code 0755} or {@code 1e3}) is the
 *     {@code String} exactly as written, so values survive a round trip to YAML and JSON
 */
public record StructuredDocument(int index, String apiVersion, String kind, Map<String, Object> content) {
    public StructuredDocument {
        content = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(content));
    }
}
