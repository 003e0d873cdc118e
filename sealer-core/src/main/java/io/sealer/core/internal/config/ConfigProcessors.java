package io.sealer.core.internal.config;

import io.sealer.api.ClusterfileException;
import io.sealer.api.cluster.ConfigSpec;
import io.sealer.core.internal.clusterfile.YamlTrees;
import io.sealer.core.internal.yaml.YamlText;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The pre-processors of a Config's {@code spec.process}, run in order as sealer's {@code pkg/config/pre_process.go}
 * does: {@code value} makes the following ones work on each top-level value of the data (a mapping);
 * {@code toJson} turns the data (or each value) into compact JSON with sorted keys; {@code toBase64} encodes the data
 * (or each value) with standard base64; {@code toSecret} changes how the file is written. Unknown names are reported
 * and skipped.
 */
final class ConfigProcessors {
    static final String VALUE = "value";
    static final String TO_JSON = "toJson";
    static final String TO_BASE64 = "toBase64";
    static final String TO_SECRET = "toSecret";

    private final YamlTrees trees;
    private final YamlText text;

    ConfigProcessors(YamlTrees trees, YamlText text) {
        this.trees = trees;
        this.text = text;
    }

    /** The data after the pipeline, and whether it is to be written as a Secret's data. */
    record Processed(String data, boolean toSecret) {
    }

    Processed run(ConfigSpec config, ConfigErrors errors, Consumer<String> warnings) {
        boolean perValue = false;
        boolean toSecret = false;
        String data = config.data();
        for (String name : config.process()) {
            switch (name) {
                case VALUE -> perValue = true;
                case TO_JSON -> data = perValue ? jsonPerValue(data, errors) : text.json(single(data, errors));
                case TO_BASE64 -> data = perValue ? base64PerValue(data, errors) : base64(data);
                case TO_SECRET -> toSecret = true;
                default -> warnings.accept(errors.label() + ": spec.process: unknown processor \"" + name
                        + "\" skipped (known: value, toJson, toBase64, toSecret)");
            }
        }
        return new Processed(data, toSecret);
    }

    private String jsonPerValue(String data, ConfigErrors errors) {
        Map<String, Object> map = mapping(data, errors, TO_JSON);
        Map<String, Object> result = new TreeMap<>();
        map.forEach((k, v) -> result.put(k, text.json(v)));
        return text.document(result);
    }

    private String base64PerValue(String data, ConfigErrors errors) {
        Map<String, Object> map = mapping(data, errors, TO_BASE64);
        Map<String, Object> result = new TreeMap<>();
        map.forEach((k, v) -> result.put(k, base64(scalarText(k, v, errors, TO_BASE64))));
        return text.document(result);
    }

    /** The text of a scalar value of the data; a mapping or list is an error naming the key. */
    static String scalarText(String key, Object value, ConfigErrors errors, String processor) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw errors.error("spec.data." + key, processor + " needs a string value, found a "
                    + (value instanceof Map<?, ?> ? "mapping" : "list") + "; put toJson before it");
        }
        return value == null ? "" : value.toString();
    }

    /** The data as one YAML mapping ({@code {}} when empty). */
    Map<String, Object> mapping(String data, ConfigErrors errors, String processor) {
        Object value = single(data, errors);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw errors.error("spec.data", processor + " needs the data to be a YAML mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) map;
        return result;
    }

    /** The data's only YAML document. */
    Object single(String data, ConfigErrors errors) {
        List<Object> documents;
        try {
            documents = trees.read("spec.data", data);
        } catch (ClusterfileException e) {
            String where = e.line() > 0 ? " (line " + e.line() + " of the data)" : "";
            throw errors.error("spec.data", "is not valid YAML" + where + ": " + e.problem());
        }
        List<Object> present = documents.stream().filter(d -> d != null).toList();
        if (present.size() > 1) {
            throw errors.error("spec.data", "holds " + present.size() + " YAML documents; expected one");
        }
        return present.isEmpty() ? null : present.get(0);
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
