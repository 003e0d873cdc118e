package io.sealer.api.kubefile;

import java.util.List;

/**
 * {@code APPCMDS <app> ["c1", ...]}: custom launch commands of an application, run in its directory instead of the
 * commands its type implies. A non-JSON rest ({@code APPCMDS app some command}) is one command.
 *
 * @param line 1-based start line
 * @param original the instruction as written
 * @param app application name
 * @param commands shell command strings, as written
 */
public record AppCmds(int line, String original, String app, List<String> commands) implements Instruction {
    public AppCmds {
        Values.text(original, "original");
        Values.text(app, "app");
        commands = Values.copy(commands);
    }

    @Override
    public String keyword() {
        return "APPCMDS";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
