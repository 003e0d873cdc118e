package io.sealer.api.kubefile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed Kubefile: its instructions in file order and the warnings the parser gave. The parser guarantees that the
 * first instruction is the only {@link From}, that {@link Launch} or {@link Cmds} (if any) is last, and that
 * {@link Cmd} and {@link Launch} do not both occur. The accessors below fold the instructions the way a build does
 * (later values win).
 *
 * @param source file name used in messages
 * @param instructions instructions in file order
 * @param warnings warnings, each prefixed with {@code source:line:}
 */
public record Kubefile(String source, List<Instruction> instructions, List<String> warnings) {
    public Kubefile {
        Objects.requireNonNull(source, "source");
        instructions = List.copyOf(instructions);
        warnings = List.copyOf(warnings);
    }

    /**
     * The {@code FROM} instruction.
     *
     * @throws IllegalStateException when there is none (never for a parsed Kubefile)
     */
    public From from() {
        return instructions(From.class).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException(source + " has no FROM instruction"));
    }

    /** The instructions of one kind, in file order. */
    public <T extends Instruction> List<T> instructions(Class<T> type) {
        List<T> result = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (type.isInstance(instruction)) {
                result.add(type.cast(instruction));
            }
        }
        return Collections.unmodifiableList(result);
    }

    /** Build-argument defaults of all {@code ARG}s, later ones winning. */
    public Map<String, String> argDefaults() {
        Map<String, String> result = new LinkedHashMap<>();
        instructions(Arg.class).forEach(arg -> result.putAll(arg.defaults()));
        return Collections.unmodifiableMap(result);
    }

    /** Labels of all {@code LABEL}s, later ones winning. */
    public Map<String, String> labels() {
        Map<String, String> result = new LinkedHashMap<>();
        instructions(Label.class).forEach(label -> result.putAll(label.labels()));
        return Collections.unmodifiableMap(result);
    }

    /** Global environment of all {@code ENV}s, later ones winning. */
    public Map<String, String> env() {
        Map<String, String> result = new LinkedHashMap<>();
        instructions(Env.class).forEach(env -> result.putAll(env.variables()));
        return Collections.unmodifiableMap(result);
    }

    /** Environment of one application from all its {@code APPENV}s, later ones winning. */
    public Map<String, String> appEnv(String app) {
        Map<String, String> result = new LinkedHashMap<>();
        instructions(AppEnv.class).stream().filter(e -> e.app().equals(app))
                .forEach(e -> result.putAll(e.variables()));
        return Collections.unmodifiableMap(result);
    }

    /** Custom launch commands of one application: those of its last {@code APPCMDS}, if any. */
    public Optional<List<String>> appCmds(String app) {
        List<String> found = null;
        for (AppCmds cmds : instructions(AppCmds.class)) {
            if (cmds.app().equals(app)) {
                found = cmds.commands();
            }
        }
        return Optional.ofNullable(found);
    }

    /** Applications declared by {@code APP}, {@code CNI} and {@code CSI}, in order. */
    public List<AppDeclaration> apps() {
        return instructions(AppDeclaration.class);
    }

    /** Commands for {@code sealer run} from all {@code CMD}s and {@code CMDS}, in file order. */
    public List<String> commands() {
        List<String> result = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction instanceof Cmd cmd) {
                result.addAll(cmd.commands());
            } else if (instruction instanceof Cmds cmds) {
                result.addAll(cmds.commands());
            }
        }
        return Collections.unmodifiableList(result);
    }

    /** The {@code LAUNCH} instruction, if any. */
    public Optional<Launch> launch() {
        return instructions(Launch.class).stream().findFirst();
    }
}
