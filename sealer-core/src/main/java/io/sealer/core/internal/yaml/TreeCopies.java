package io.sealer.core.internal.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep copies of value trees: ones whose maps and lists can be changed, and unmodifiable ones (maps keep order). */
public final class TreeCopies {
    private TreeCopies() {
    }

    /** A deep copy: every {@code Map} a {@code LinkedHashMap}, every {@code List} an {@code ArrayList}. */
    public static Object mutable(Object value) {
        if (value instanceof Map<?, ?> map) {
            return mutableMap(map);
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(mutable(item)));
            return items;
        }
        return value;
    }

    /** A deep, changeable copy of a mapping; keys become strings. */
    public static Map<String, Object> mutableMap(Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), mutable(v)));
        return result;
    }

    /** A deep copy nobody can change. */
    public static Object unmodifiable(Object value) {
        if (value instanceof Map<?, ?> map) {
            return unmodifiableMap(map);
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(unmodifiable(item)));
            return Collections.unmodifiableList(items);
        }
        return value;
    }

    /** A deep copy of a mapping nobody can change; keys become strings. */
    public static Map<String, Object> unmodifiableMap(Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), unmodifiable(v)));
        return Collections.unmodifiableMap(result);
    }
}
