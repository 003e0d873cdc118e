package io.sealer.api.kubefile;

import java.util.List;

/**
 * {@code CMDS ["c1", "c2"]}: shell commands run by {@code sealer run}, after those of earlier {@code CMD}s. The last
 * instruction of a Kubefile; a non-JSON {@code CMDS text} is one command.
 *
 * @param line 1-based start line
 * @param original the instruction as written
 * @param commands shell command strings, as written
 */
public record Cmds(int line, String original, List<String> commands) implements Instruction {
    public Cmds {
        Values.text(original, "original");
        commands = Values.copy(commands);
    }

    @Override
    public String keyword() {
        return "CMDS";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
