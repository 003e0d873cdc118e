package io.sealer.api.kubefile;

import java.util.List;

/**
 * {@code LAUNCH app...} or {@code LAUNCH ["app", ...]}: the applications {@code sealer run} launches, in order. The
 * last instruction of a Kubefile; excludes {@code CMD}.
 *
 * @param line 1-based start line
 * @param original the instruction as written
 * @param apps application names
 */
public record Launch(int line, String original, List<String> apps) implements Instruction {
    public Launch {
        Values.text(original, "original");
        apps = Values.copy(apps);
    }

    @Override
    public String keyword() {
        return "LAUNCH";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
