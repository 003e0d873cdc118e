package io.sealer.api.kubefile;

import java.util.List;

/**
 * {@code RUN <command>} (shell form) or {@code RUN ["exe", "arg"...]} (exec form): runs at build time.
 *
 * @param line 1-based start line
 * @param original the instruction as written
 * @param arguments shell form: exactly one element, the command text as written (for {@code /bin/sh -c}); exec
 *     form: the JSON array elements
 * @param execForm true for the JSON (exec) form
 */
public record Run(int line, String original, List<String> arguments, boolean execForm) implements Instruction {
    public Run {
        Values.text(original, "original");
        arguments = Values.copy(arguments);
        if (arguments.isEmpty() || !execForm && arguments.size() != 1) {
            throw new IllegalArgumentException("RUN needs one shell command or a non-empty exec array");
        }
    }

    /** The shell form's command text, or the exec form's elements joined by single spaces. */
    public String command() {
        return String.join(" ", arguments);
    }

    /** The argument vector to execute: {@code [/bin/sh, -c, command]} for the shell form, else the exec array. */
    public List<String> argv() {
        return execForm ? arguments : List.of("/bin/sh", "-c", arguments.get(0));
    }

    @Override
    public String keyword() {
        return "RUN";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
