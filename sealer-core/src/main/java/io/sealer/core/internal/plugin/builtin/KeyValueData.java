package io.sealer.core.internal.plugin.builtin;

import io.sealer.api.cluster.PluginSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code data} written as {@code key: value} lines (a flat YAML mapping): values may be quoted, an unquoted value ends
 * at {@code " #"}; blank lines and {@code #} comments are skipped.
 */
final class KeyValueData {
    private static final Pattern ENTRY = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)\\s*:(?:\\s+(.*))?");

    /**
     * One entry.
     *
     * @param line where it is
     * @param value the value, unquoted
     */
    record Entry(DataLine line, String value) {
    }

    private KeyValueData() {
    }

    /** True when the line has the form {@code key: value}. */
    static boolean isEntry(DataLine line) {
        return ENTRY.matcher(line.text()).matches();
    }

    /**
     * The entries of {@code data} by key.
     *
     * @param keys the keys the type knows
     * @throws io.sealer.api.PluginException for a line that is no entry, an unknown key or a key given twice
     */
    static Map<String, Entry> parse(PluginSpec spec, Set<String> keys) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<String> known = keys.stream().sorted().toList();
        for (DataLine line : DataLine.of(spec.data())) {
            Matcher m = ENTRY.matcher(line.text());
            if (!m.matches()) {
                throw PluginFailures.badLine(spec, line, "expected 'key: value' with a key among " + known);
            }
            String key = m.group(1);
            if (!keys.contains(key)) {
                throw PluginFailures.badLine(spec, line, "unknown key '" + key + "'; expected one of " + known);
            }
            Entry previous = entries.put(key, new Entry(line, unquote(m.group(2) == null ? "" : m.group(2))));
            if (previous != null) {
                throw PluginFailures.badLine(spec, line, "'" + key + "' is already set on line "
                        + previous.line().number());
            }
        }
        return entries;
    }

    private static String unquote(String raw) {
        String value = raw.strip();
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        int comment = value.indexOf(" #");
        return comment >= 0 ? value.substring(0, comment).strip() : value;
    }
}
