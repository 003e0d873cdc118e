package io.sealer.core.internal.plugin.builtin;

import java.util.ArrayList;
import java.util.List;

/**
 * A meaningful line of a Plugin document's {@code data}: trimmed, neither blank nor a {@code #} comment.
 *
 * @param number 1-based line number within {@code data}
 * @param text the trimmed line
 */
record DataLine(int number, String text) {
    /** The meaningful lines of {@code data}, in order. */
    static List<DataLine> of(String data) {
        List<DataLine> lines = new ArrayList<>();
        String[] raw = data.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String text = raw[i].strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
                lines.add(new DataLine(i + 1, text));
            }
        }
        return lines;
    }

    /** The line split on runs of whitespace. */
    List<String> tokens() {
        return List.of(text.split("\\s+"));
    }
}
