package io.sealer.api.kubefile;

import java.util.Map;

/**
 * {@code APPENV <app> k=v ...}: environment of one application; later values win.
 *
 * @param line 1-based start line
 * @param original the instruction as written
 * @param app application name
 * @param variables variables in order, quotes removed
 */
public record AppEnv(int line, String original, String app, Map<String, String> variables) implements Instruction {
    public AppEnv {
        Values.text(original, "original");
        Values.text(app, "app");
        variables = Values.orderedCopy(variables);
    }

    @Override
    public String keyword() {
        return "APPENV";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
