package io.sealer.api.kubefile;

/**
 * {@code MAINTAINER <text>}: informational author field.
 *
 * @param line 1-based start line
 * @param original the instruction as written
 * @param name the text after the keyword, as written
 */
public record Maintainer(int line, String original, String name) implements Instruction {
    public Maintainer {
        Values.text(original, "original");
        Values.text(name, "name");
    }

    @Override
    public String keyword() {
        return "MAINTAINER";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
