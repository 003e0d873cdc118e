package io.sealer.api.kubefile;

import java.util.List;

/**
 * {@code CMD}: shell commands run on the first master by {@code sealer run}, in order, after those of earlier
 * {@code CMD}/{@code CMDS} instructions. Usually one command per line ({@code CMD kubectl apply -f a && ...}); the
 * JSON form gives one command per element; the v0.8 list form {@code CMD a, b} gives one command per item (see the
 * parser for the exact comma rule).
 *
 * @param line 1-based start line
 * @param original the instruction as written
 * @param commands one or more shell command strings, as written
 */
public record Cmd(int line, String original, List<String> commands) implements Instruction {
    public Cmd {
        Values.text(original, "original");
        commands = Values.copy(commands);
    }

    @Override
    public String keyword() {
        return "CMD";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
