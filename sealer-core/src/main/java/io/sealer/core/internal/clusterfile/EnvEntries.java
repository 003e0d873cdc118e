package io.sealer.core.internal.clusterfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code env: [K=V, ...]} with sealer main's semantics: split on the first {@code =}, the last entry of a key wins,
 * values are not split on {@code ;}. The result keeps file order (a key stays where it first appeared).
 */
final class EnvEntries {
    private EnvEntries() {
    }

    /** Key to entry; the entry's value is the part after the first {@code =}. */
    static Map<String, FieldValue> parse(List<FieldValue> entries, Fields fields) {
        Map<String, FieldValue> env = new LinkedHashMap<>();
        for (FieldValue entry : entries) {
            String text = entry.value();
            int eq = text.indexOf('=');
            if (eq < 0) {
                throw fields.error(entry.path(), entry.line(), "expected KEY=VALUE, found no \"=\"");
            }
            String key = text.substring(0, eq).trim();
            if (key.isEmpty()) {
                throw fields.error(entry.path(), entry.line(), "expected KEY=VALUE, found an empty key");
            }
            env.put(key, new FieldValue(text.substring(eq + 1), entry.path(), entry.line()));
        }
        return env;
    }

    /** Just the values. */
    static Map<String, String> values(Map<String, FieldValue> env) {
        Map<String, String> values = new LinkedHashMap<>();
        env.forEach((k, v) -> values.put(k, v.value()));
        return values;
    }
}
