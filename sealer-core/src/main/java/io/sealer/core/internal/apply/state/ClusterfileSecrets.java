package io.sealer.core.internal.apply.state;

import io.sealer.core.internal.clusterfile.YamlDocuments;
import java.util.List;
import java.util.Map;

/**
 * The secret fields of a Clusterfile's {@code Cluster} document (either schema), found in the trees of
 * {@link YamlDocuments}: {@code spec.ssh.passwd} and {@code pkPasswd}, the same of every {@code spec.hosts[]}, and the
 * passwords of {@code spec.registry.localRegistry} and {@code externalRegistry}.
 */
final class ClusterfileSecrets {
    private ClusterfileSecrets() {
    }

    /** Turns one secret into another (sealed or opened). */
    @FunctionalInterface
    interface Change {
        /**
         * @param field where the value is, e.g. {@code spec.hosts[].ssh.passwd} (the same for every host)
         * @param at the exact place, e.g. {@code spec.hosts[2].ssh.passwd}, for messages
         * @param value the value's text
         * @return the new text
         */
        String apply(String field, String at, String value);
    }

    /** Replaces every secret of the Cluster documents of {@code documents} (in place) by what {@code change} gives. */
    static void change(List<Object> documents, Change change) {
        for (Object document : documents) {
            if (document instanceof Map<?, ?> root && "Cluster".equals(text(root.get("kind")))
                    && root.get("spec") instanceof Map<?, ?> spec) {
                Map<String, Object> specMap = cast(spec);
                ssh(specMap, "spec.ssh", "spec.ssh", change);
                if (specMap.get("hosts") instanceof List<?> hosts) {
                    for (int i = 0; i < hosts.size(); i++) {
                        if (hosts.get(i) instanceof Map<?, ?> host) {
                            ssh(cast(host), "spec.hosts[].ssh", "spec.hosts[" + i + "].ssh", change);
                        }
                    }
                }
                if (specMap.get("registry") instanceof Map<?, ?> registry) {
                    for (String kind : List.of("localRegistry", "externalRegistry")) {
                        if (registry.get(kind) instanceof Map<?, ?> entry) {
                            String field = "spec.registry." + kind + ".password";
                            replace(cast(entry), "password", field, field, change);
                        }
                    }
                }
            }
        }
    }

    private static void ssh(Map<String, Object> parent, String field, String at, Change change) {
        if (parent.get("ssh") instanceof Map<?, ?> ssh) {
            Map<String, Object> sshMap = cast(ssh);
            replace(sshMap, "passwd", field + ".passwd", at + ".passwd", change);
            replace(sshMap, "pkPasswd", field + ".pkPasswd", at + ".pkPasswd", change);
        }
    }

    private static void replace(Map<String, Object> map, String key, String field, String at, Change change) {
        String value = text(map.get(key));
        if (value != null && !value.isEmpty()) {
            map.put(key, change.apply(field, at, value));
        }
    }

    /** The text of a scalar (a string or a number such as {@code 000000}); {@code null} for anything else. */
    private static String text(Object value) {
        if (value instanceof String text) {
            return text;
        }
        return value instanceof YamlDocuments.Plain plain ? plain.text() : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
