package io.sealer.core.internal.clusterfile;

import io.sealer.api.ClusterfileException;
import io.sealer.core.internal.clusterfile.YamlNode.ListNode;
import io.sealer.core.internal.clusterfile.YamlNode.MapNode;
import io.sealer.core.internal.clusterfile.YamlNode.ScalarNode;
import io.sealer.core.internal.yaml.PlainScalar;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads any multi-document YAML (a file of an image rootfs, a Config's data) into value trees with the Clusterfile
 * parser's guards (size, depth and alias limits; duplicate keys are errors). Values are unmodifiable
 * {@code Map<String, Object>} in file order, {@code List<Object>}, {@code String}, {@code Long}, {@code Double},
 * {@code Boolean}, {@code null}, and {@link PlainScalar} for unquoted scalars YAML types but Java has no exact
 * value for ({@code 0755}, {@code 1e3}, {@code yes}), so writing a tree back with
 * {@link io.sealer.core.internal.yaml.YamlText} keeps every value's type. Thread-safe.
 */
public final class YamlTrees {
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,14})\\.[0-9]{1,15}");

    private final YamlReader reader = new YamlReader();

    /**
     * Every document of the text, in order; an empty document is {@code null}.
     *
     * @param source the file name for messages
     * @throws ClusterfileException naming the source and line when the text is not valid YAML or exceeds a limit
     */
    public List<Object> read(String source, String text) {
        List<Object> documents = new ArrayList<>();
        for (YamlDocument document : reader.read(source, new StringReader(text))) {
            documents.add(document.isEmpty() ? null : value(document.root()));
        }
        return Collections.unmodifiableList(documents);
    }

    private static Object value(YamlNode node) {
        if (node instanceof MapNode map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.entries().forEach((k, v) -> result.put(k, value(v)));
            return Collections.unmodifiableMap(result);
        }
        if (node instanceof ListNode list) {
            List<Object> items = new ArrayList<>(list.items().size());
            list.items().forEach(item -> items.add(value(item)));
            return Collections.unmodifiableList(items);
        }
        ScalarNode scalar = (ScalarNode) node;
        String text = scalar.text();
        return switch (scalar.type()) {
            case NULL -> null;
            case INT -> INTEGER.matcher(text).matches() ? (Object) Long.valueOf(text) : new PlainScalar(text);
            case FLOAT -> DECIMAL.matcher(text).matches() ? (Object) Double.valueOf(text) : new PlainScalar(text);
            case BOOL -> switch (text) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> new PlainScalar(text);
            };
            case STRING -> text;
        };
    }
}
