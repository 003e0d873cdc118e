package io.sealer.api.kubefile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Defensive copies that keep insertion order, used by the instruction records. */
final class Values {
    private Values() {
    }

    static <K, V> Map<K, V> orderedCopy(Map<K, V> map) {
        Objects.requireNonNull(map, "map");
        Map<K, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
        return Collections.unmodifiableMap(copy);
    }

    static <T> List<T> copy(List<T> list) {
        return List.copyOf(Objects.requireNonNull(list, "list"));
    }

    static String text(String value, String name) {
        return Objects.requireNonNull(value, name);
    }
}
