package io.sealer.core.internal.clusterfile;

import io.sealer.core.internal.clusterfile.YamlNode.ListNode;
import io.sealer.core.internal.clusterfile.YamlNode.MapNode;
import io.sealer.core.internal.clusterfile.YamlNode.ScalarNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a {@link YamlNode} into unmodifiable maps, lists and scalars for a
 * {@link io.sealer.api.cluster.StructuredDocument}: plain decimal integers become {@code Long}, plain decimal
 * fractions {@code Double}, booleans {@code Boolean}, nulls {@code null}; every other scalar keeps its text.
 */
final class TreeConverter {
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,14})\\.[0-9]{1,15}");

    private TreeConverter() {
    }

    static Map<String, Object> toMap(MapNode map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.entries().forEach((k, v) -> result.put(k, toValue(v)));
        return Collections.unmodifiableMap(result);
    }

    static Object toValue(YamlNode node) {
        if (node instanceof MapNode map) {
            return toMap(map);
        }
        if (node instanceof ListNode list) {
            List<Object> items = new ArrayList<>(list.items().size());
            list.items().forEach(item -> items.add(toValue(item)));
            return Collections.unmodifiableList(items);
        }
        ScalarNode scalar = (ScalarNode) node;
        String text = scalar.text();
        return switch (scalar.type()) {
            case NULL -> null;
            case INT -> INTEGER.matcher(text).matches() ? (Object) Long.valueOf(text) : text;
            case FLOAT -> DECIMAL.matcher(text).matches() ? (Object) Double.valueOf(text) : text;
            case BOOL -> switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "y" -> Boolean.TRUE;
                case "false", "no", "off", "n" -> Boolean.FALSE;
                default -> text;
            };
            case STRING -> text;
        };
    }
}
