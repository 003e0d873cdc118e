package io.sealer.core.internal.config;

import io.sealer.api.ClusterfileException;
import io.sealer.core.internal.clusterfile.YamlTrees;
import io.sealer.core.internal.yaml.TreeCopies;
import io.sealer.core.internal.yaml.YamlText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a Config does to a file that already exists: {@code toSecret} sets the keys of the data into the Secret's
 * {@code data} (base64-encoded, as Kubernetes serialises bytes), and {@code strategy: merge} deep-merges the data into
 * every YAML document of the file (sealer main's {@code mergo.Merge(WithOverride)}: new keys are added, scalars and
 * lists replaced, mappings merged key by key).
 */
final class ExistingFile {
    private final YamlTrees trees;
    private final YamlText text;
    private final ConfigProcessors processors;

    ExistingFile(YamlTrees trees, YamlText text, ConfigProcessors processors) {
        this.trees = trees;
        this.text = text;
        this.processors = processors;
    }

    /**
     * The file's Secret with the data's keys set in its {@code data} (keys sorted, as Kubernetes writes them).
     *
     * @param file the file's rootfs-relative name, for messages
     */
    String toSecret(String file, String contents, String data, ConfigErrors errors) {
        List<Object> documents = documents(file, contents, errors);
        if (documents.size() != 1 || !(documents.get(0) instanceof Map<?, ?> single)) {
            throw errors.error("spec.process", "toSecret needs " + file + " to hold one Secret document, found "
                    + documents.size() + " document(s)");
        }
        Map<String, Object> secret = TreeCopies.mutableMap(single);
        Object kind = secret.get("kind");
        if (kind != null && !"Secret".equals(kind)) {
            throw errors.error("spec.process", "toSecret needs " + file + " to be a Secret, but its kind is " + kind);
        }
        Object existing = secret.get("data");
        if (existing != null && !"".equals(existing) && !(existing instanceof Map<?, ?>)) {
            throw errors.error("spec.process", "toSecret needs the data of the Secret in " + file
                    + " to be a mapping");
        }
        Map<String, Object> values = new TreeMap<>();
        if (existing instanceof Map<?, ?> map) {
            map.forEach((k, v) -> values.put(String.valueOf(k), v));
        }
        processors.mapping(data, errors, ConfigProcessors.TO_SECRET).forEach((k, v) -> values.put(k,
                base64(ConfigProcessors.scalarText(k, v, errors, ConfigProcessors.TO_SECRET))));
        secret.put("data", new LinkedHashMap<>(values));
        return text.document(secret);
    }

    /** Every document of the file with the data merged into it, re-joined with {@code ---} lines. */
    String merge(String file, String contents, String data, ConfigErrors errors) {
        Map<String, Object> source = processors.mapping(data, errors, "strategy merge");
        List<Object> documents = documents(file, contents, errors);
        if (documents.isEmpty()) {
            return text.document(source);
        }
        List<Object> merged = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            if (!(documents.get(i) instanceof Map<?, ?> document)) {
                throw errors.error("spec.strategy", "merge needs every document of " + file
                        + " to be a YAML mapping; document " + (i + 1) + " is not");
            }
            merged.add(deepMerge(TreeCopies.mutableMap(document), source));
        }
        return text.documents(merged);
    }

    /** {@code target} with every entry of {@code source} merged in: mappings recursively, anything else replaced. */
    static Map<String, Object> deepMerge(Map<String, Object> target, Map<String, Object> source) {
        source.forEach((key, value) -> {
            Object current = target.get(key);
            if (current instanceof Map<?, ?> currentMap && value instanceof Map<?, ?> valueMap) {
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) valueMap;
                target.put(key, deepMerge(TreeCopies.mutableMap(currentMap), nested));
            } else {
                target.put(key, TreeCopies.mutable(value));
            }
        });
        return target;
    }

    private List<Object> documents(String file, String contents, ConfigErrors errors) {
        try {
            return trees.read(file, contents).stream().filter(d -> d != null).toList();
        } catch (ClusterfileException e) {
            String where = e.line() > 0 ? " line " + e.line() : "";
            throw errors.error("spec.path", file + where + " is not valid YAML: " + e.problem());
        }
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
