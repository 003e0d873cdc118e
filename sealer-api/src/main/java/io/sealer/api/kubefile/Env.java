package io.sealer.api.kubefile;

import java.util.Map;

/**
 * {@code ENV k=v ...} (or the old {@code ENV k v} form): global environment for build steps and launched apps;
 * later values win.
 *
 * @param line 1-based start line
 * @param original the instruction as written
 * @param variables variables in order, quotes removed, {@code $} references not expanded
 */
public record Env(int line, String original, Map<String, String> variables) implements Instruction {
    public Env {
        Values.text(original, "original");
        variables = Values.orderedCopy(variables);
    }

    @Override
    public String keyword() {
        return "ENV";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
