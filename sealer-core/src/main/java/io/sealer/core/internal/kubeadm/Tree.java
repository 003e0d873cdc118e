package io.sealer.core.internal.kubeadm;

import io.sealer.api.ClusterfileException;
import io.sealer.core.internal.yaml.TreeCopies;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One mutable kubeadm document ({@code LinkedHashMap}s and {@code ArrayList}s) with path access; a value of the wrong
 * shape is a {@link ClusterfileException} naming the kind and field.
 */
final class Tree {
    private final String kind;
    private final Map<String, Object> root;

    Tree(String kind, Map<String, Object> root) {
        this.kind = kind;
        this.root = root;
    }

    /** A tree holding a deep copy of {@code document}, or an empty one. */
    static Tree copyOf(String kind, Map<String, Object> document) {
        return new Tree(kind, document == null ? new LinkedHashMap<>() : TreeCopies.mutableMap(document));
    }

    String kind() {
        return kind;
    }

    Map<String, Object> root() {
        return root;
    }

    /** The value at the path, or {@code null}. */
    Object get(String... path) {
        Object current = root;
        for (String name : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(name);
        }
        return current;
    }

    /** The string at the path, or {@code ""} when absent or null; another scalar as its text. */
    String string(String... path) {
        Object value = get(path);
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw wrongShape(path, "a scalar");
        }
        return value.toString();
    }

    /** The list of strings at the path (empty when absent). */
    List<String> strings(String... path) {
        Object value = get(path);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw wrongShape(path, "a list");
        }
        List<String> result = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> || item instanceof List<?>) {
                throw wrongShape(path, "a list of strings");
            }
            if (item != null) {
                result.add(item.toString());
            }
        }
        return result;
    }

    /** True when the path holds something other than null or an empty string. */
    boolean isSet(String... path) {
        Object value = get(path);
        return value != null && !"".equals(value);
    }

    /** Sets the value at the path, creating mappings on the way. */
    void put(Object value, String... path) {
        parent(path).put(path[path.length - 1], value);
    }

    /** Sets the value at the path unless something is set there already. */
    void fill(Object value, String... path) {
        if (!isSet(path)) {
            put(value, path);
        }
    }

    /** Removes the value at the path; returns what was there. */
    Object remove(String... path) {
        Object container = get(Arrays.copyOf(path, path.length - 1));
        return container instanceof Map<?, ?> map ? map.remove(path[path.length - 1]) : null;
    }

    /**
     * Fills what is not set here (absent, null or an empty string) from {@code source}, recursing into mappings both
     * have, as sealer's {@code mergo.Merge} without override does; lists are never merged element by element. Unlike
     * mergo, {@code false} and {@code 0} count as set.
     */
    void fillFrom(Map<String, Object> source) {
        if (source != null) {
            fill(root, source, new ArrayList<>());
        }
    }

    private void fill(Map<String, Object> target, Map<String, Object> source, List<String> path) {
        source.forEach((key, value) -> {
            Object current = target.get(key);
            if (current == null || "".equals(current)) {
                if (value != null || !target.containsKey(key)) {
                    target.put(key, TreeCopies.mutable(value));
                }
            } else if (value instanceof Map<?, ?> nested) {
                path.add(key);
                if (!(current instanceof Map<?, ?>)) {
                    throw wrongShape(path.toArray(String[]::new), "a mapping");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> targetMap = (Map<String, Object>) current;
                @SuppressWarnings("unchecked")
                Map<String, Object> sourceMap = (Map<String, Object>) nested;
                fill(targetMap, sourceMap, path);
                path.remove(path.size() - 1);
            }
        });
    }

    /** The document with {@code apiVersion} and {@code kind} first. */
    Map<String, Object> ordered() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("apiVersion", root.get("apiVersion"));
        result.put("kind", root.get("kind"));
        root.forEach(result::putIfAbsent);
        return result;
    }

    private Map<String, Object> parent(String... path) {
        Map<String, Object> current = root;
        for (int i = 0; i < path.length - 1; i++) {
            Object next = current.get(path[i]);
            if (next == null || "".equals(next)) {
                next = new LinkedHashMap<String, Object>();
                current.put(path[i], next);
            } else if (!(next instanceof Map<?, ?>)) {
                throw wrongShape(Arrays.copyOf(path, i + 1), "a mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) next;
            current = map;
        }
        return current;
    }

    ClusterfileException wrongShape(String[] path, String expected) {
        return new ClusterfileException(null, 0, field(path), "expected " + expected
                + " (in the Clusterfile's " + kind + " document or the image's etc/kubeadm.yml)");
    }

    String field(String... path) {
        return kind + "." + String.join(".", path);
    }
}
