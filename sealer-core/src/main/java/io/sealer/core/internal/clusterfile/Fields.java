package io.sealer.core.internal.clusterfile;

import io.sealer.api.ClusterfileException;
import io.sealer.core.internal.clusterfile.YamlNode.ListNode;
import io.sealer.core.internal.clusterfile.YamlNode.MapNode;
import io.sealer.core.internal.clusterfile.YamlNode.ScalarNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to the fields of one Clusterfile's YAML trees: every scalar is read as its source text (so
 * {@code passwd: 000000} stays {@code "000000"}), every problem becomes a {@link ClusterfileException} naming the file,
 * the line and the field path, and unknown keys are collected as warnings.
 */
final class Fields {
    private final String source;
    private final List<String> warnings = new ArrayList<>();

    Fields(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    List<String> warnings() {
        return warnings;
    }

    ClusterfileException error(String path, int line, String problem) {
        return new ClusterfileException(source, line, path, problem);
    }

    void warn(String path, int line, String message) {
        StringBuilder text = new StringBuilder(source);
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (path != null) {
            text.append(path).append(": ");
        }
        warnings.add(text.append(message).toString());
    }

    /** The node as a mapping; an error naming {@code what} was expected otherwise. */
    MapNode map(YamlNode node, String path) {
        if (node instanceof MapNode map) {
            return map;
        }
        throw error(path, node.line(), "expected a mapping, found " + node.describe());
    }

    /** The child, or {@code null} when it is absent or null. */
    YamlNode child(MapNode parent, String key) {
        YamlNode child = parent.get(key);
        return child instanceof ScalarNode s && s.isNull() ? null : child;
    }

    /** The child mapping, or {@code null} when absent. */
    MapNode optMap(MapNode parent, String key, String parentPath) {
        YamlNode child = child(parent, key);
        return child == null ? null : map(child, parentPath + "." + key);
    }

    /** The child mapping; an error when absent. */
    MapNode requireMap(MapNode parent, String key, String parentPath) {
        MapNode map = optMap(parent, key, parentPath);
        if (map == null) {
            throw error(parentPath + "." + key, parent.line(), "is required");
        }
        return map;
    }

    /** The child scalar's text, or {@code null} when absent or null. */
    String optString(MapNode parent, String key, String parentPath) {
        FieldValue value = optValue(parent, key, parentPath);
        return value == null ? null : value.value();
    }

    /** The child scalar with its location, or {@code null} when absent or null. */
    FieldValue optValue(MapNode parent, String key, String parentPath) {
        YamlNode child = child(parent, key);
        return child == null ? null : scalar(child, parentPath + "." + key);
    }

    /** The child scalar; an error when absent, null or empty. */
    FieldValue requireValue(MapNode parent, String key, String parentPath) {
        FieldValue value = optValue(parent, key, parentPath);
        if (value == null || value.value().isBlank()) {
            throw error(parentPath + "." + key, value == null ? parent.line() : value.line(), "is required");
        }
        return value;
    }

    FieldValue scalar(YamlNode node, String path) {
        if (node instanceof ScalarNode s && !s.isNull()) {
            return new FieldValue(s.text(), path, s.line());
        }
        throw error(path, node.line(), "expected a string, found " + node.describe());
    }

    /**
     * The child as a list of strings: a list of scalars, or a single scalar as a one-item list. Empty when absent.
     */
    List<FieldValue> stringList(MapNode parent, String key, String parentPath) {
        YamlNode child = child(parent, key);
        String path = parentPath + "." + key;
        if (child == null) {
            return List.of();
        }
        if (child instanceof ListNode list) {
            List<FieldValue> values = new ArrayList<>(list.items().size());
            for (int i = 0; i < list.items().size(); i++) {
                values.add(scalar(list.items().get(i), path + "[" + i + "]"));
            }
            return values;
        }
        return List.of(scalar(child, path));
    }

    /** The child as a list of mappings with their paths. Empty when absent. */
    List<MapNode> mapList(MapNode parent, String key, String parentPath) {
        YamlNode child = child(parent, key);
        String path = parentPath + "." + key;
        if (child == null) {
            return List.of();
        }
        if (!(child instanceof ListNode list)) {
            throw error(path, child.line(), "expected a list, found " + child.describe());
        }
        List<MapNode> maps = new ArrayList<>(list.items().size());
        for (int i = 0; i < list.items().size(); i++) {
            maps.add(map(list.items().get(i), path + "[" + i + "]"));
        }
        return maps;
    }

    /** The child as a string-to-string mapping in file order. Empty when absent. */
    Map<String, String> stringMap(MapNode parent, String key, String parentPath) {
        MapNode map = optMap(parent, key, parentPath);
        Map<String, String> result = new LinkedHashMap<>();
        if (map != null) {
            map.entries().forEach((k, v) -> {
                String path = parentPath + "." + key + "." + k;
                result.put(k, v instanceof ScalarNode s && s.isNull() ? "" : scalar(v, path).value());
            });
        }
        return result;
    }

    /** A YAML boolean ({@code true}/{@code false}, also YAML 1.1 {@code yes}/{@code no}/{@code on}/{@code off}). */
    Boolean optBoolean(MapNode parent, String key, String parentPath) {
        FieldValue value = optValue(parent, key, parentPath);
        if (value == null) {
            return null;
        }
        return switch (value.value().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> throw error(value.path(), value.line(),
                    quote(value.value()) + " is not a boolean (expected true or false)");
        };
    }

    /** A TCP port 1-65535, or {@code null} when absent. */
    Integer optPort(MapNode parent, String key, String parentPath) {
        FieldValue value = optValue(parent, key, parentPath);
        if (value == null || value.value().isEmpty()) {
            return null;
        }
        String text = value.value().trim();
        if (text.matches("[0-9]{1,5}")) {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        throw error(value.path(), value.line(), quote(value.value()) + " is not a port number (1-65535)");
    }

    /** Adds a warning for every key of the mapping that is not in {@code known}. */
    void warnUnknownKeys(MapNode map, String path, Set<String> known) {
        for (Map.Entry<String, YamlNode> entry : map.entries().entrySet()) {
            if (!known.contains(entry.getKey())) {
                warn(path + "." + entry.getKey(), entry.getValue().line(), "unknown field, ignored");
            }
        }
    }

    /** The text in double quotes, shortened so messages stay readable. */
    static String quote(String text) {
        String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
        return "\"" + shown + "\"";
    }
}
