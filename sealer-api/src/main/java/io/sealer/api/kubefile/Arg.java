package io.sealer.api.kubefile;

import java.util.List;
import java.util.Map;

/**
 * {@code ARG name[=default] ...} (Docker form) or {@code ARG a=1, b=2} (v0.8 comma form): build arguments, overridable
 * with {@code --build-arg}. Later instructions override earlier defaults.
 *
 * @param line 1-based start line
 * @param original the instruction as written
 * @param names every declared name, in order
 * @param defaults default values of the names that have one (quotes removed), in order
 */
public record Arg(int line, String original, List<String> names, Map<String, String> defaults)
        implements Instruction {
    public Arg {
        Values.text(original, "original");
        names = Values.copy(names);
        defaults = Values.orderedCopy(defaults);
        if (!names.containsAll(defaults.keySet())) {
            throw new IllegalArgumentException("every ARG default needs a declared name");
        }
    }

    @Override
    public String keyword() {
        return "ARG";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
