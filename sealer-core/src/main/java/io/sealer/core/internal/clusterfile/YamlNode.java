package io.sealer.core.internal.clusterfile;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A YAML value as read from a Clusterfile, with the 1-based line it starts on. Scalars keep their source text. */
sealed interface YamlNode permits YamlNode.MapNode, YamlNode.ListNode, YamlNode.ScalarNode {

    /** 1-based line of the value's first character. */
    int line();

    /** Number of nodes this value stands for once aliases are expanded (itself included). */
    long size();

    /** What kind of value this is, for messages. */
    String describe();

    /** How the YAML resolver classified a scalar. */
    enum ScalarType { STRING, INT, FLOAT, BOOL, NULL }

    /** A mapping with string keys, in file order. */
    record MapNode(Map<String, YamlNode> entries, int line, long size) implements YamlNode {
        public MapNode {
            entries = Collections.unmodifiableMap(entries);
        }

        YamlNode get(String key) {
            return entries.get(key);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** A sequence. */
    record ListNode(List<YamlNode> items, int line, long size) implements YamlNode {
        public ListNode {
            items = Collections.unmodifiableList(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar: its text exactly as written (without quotes) and how YAML would type it. */
    record ScalarNode(String text, ScalarType type, int line) implements YamlNode {
        @Override
        public long size() {
            return 1;
        }

        boolean isNull() {
            return type == ScalarType.NULL;
        }

        @Override
        public String describe() {
            return isNull() ? "null" : "a scalar";
        }
    }
}
