package io.sealer.api.kubefile;

import java.util.Map;

/**
 * {@code LABEL k=v ...} (or the old {@code LABEL k v} form): image labels; later values win.
 *
 * @param line 1-based start line
 * @param original the instruction as written
 * @param labels labels in order, quotes removed
 */
public record Label(int line, String original, Map<String, String> labels) implements Instruction {
    public Label {
        Values.text(original, "original");
        labels = Values.orderedCopy(labels);
    }

    @Override
    public String keyword() {
        return "LABEL";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
