package io.sealer.core.internal.kubefile;

import io.sealer.api.KubefileException;
import io.sealer.api.kubefile.AppCmds;
import io.sealer.api.kubefile.AppDeclaration;
import io.sealer.api.kubefile.AppEnv;
import io.sealer.api.kubefile.Cmd;
import io.sealer.api.kubefile.Cmds;
import io.sealer.api.kubefile.From;
import io.sealer.api.kubefile.Instruction;
import io.sealer.api.kubefile.Kubefile;
import io.sealer.api.kubefile.Launch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks the rules that span instructions: FROM first and once, LAUNCH/CMDS last, app names declared. */
final class KubefileValidator {
    private final String source;

    KubefileValidator(String source) {
        this.source = source;
    }

    void validateStructure(List<Instruction> instructions) {
        if (instructions.isEmpty()) {
            throw new KubefileException(source, 0, null, "the Kubefile has no instructions: it must start with FROM");
        }
        Instruction first = instructions.get(0);
        if (!(first instanceof From)) {
            throw error(first, "the first instruction must be FROM, found " + first.keyword());
        }
        Cmd firstCmd = null;
        Map<String, AppDeclaration> apps = new HashMap<>();
        for (int i = 0; i < instructions.size(); i++) {
            Instruction instruction = instructions.get(i);
            boolean last = i == instructions.size() - 1;
            if (i > 0 && instruction instanceof From) {
                throw error(instruction, "FROM may appear only once (multi-stage builds are not supported); the"
                        + " first FROM is on line " + first.line());
            } else if (instruction instanceof Cmd cmd && firstCmd == null) {
                firstCmd = cmd;
            } else if (instruction instanceof Cmds && !last) {
                throw error(instruction, "CMDS must be the last instruction (and appear only once)");
            } else if (instruction instanceof Launch) {
                if (!last) {
                    throw error(instruction, "LAUNCH must be the last instruction (and appear only once)");
                }
                if (firstCmd != null) {
                    throw error(instruction, "CMD and LAUNCH are mutually exclusive (CMD on line "
                            + firstCmd.line() + ")");
                }
            } else if (instruction instanceof AppDeclaration app) {
                AppDeclaration earlier = apps.putIfAbsent(app.name(), app);
                if (earlier != null) {
                    throw error(instruction, "application " + app.name() + " is already declared on line "
                            + earlier.line());
                }
            }
        }
    }

    /**
     * Checks that every application named by LAUNCH, APPCMDS and APPENV is declared before it, in this Kubefile or
     * in {@code inherited}.
     */
    void validateAppReferences(Kubefile kubefile, Set<String> inherited) {
        Set<String> known = new java.util.HashSet<>(inherited);
        for (Instruction instruction : kubefile.instructions()) {
            if (instruction instanceof AppDeclaration app) {
                known.add(app.name());
            } else if (instruction instanceof Launch launch) {
                for (String app : launch.apps()) {
                    requireKnown(known, instruction, app);
                }
            } else if (instruction instanceof AppCmds cmds) {
                requireKnown(known, instruction, cmds.app());
            } else if (instruction instanceof AppEnv env) {
                requireKnown(known, instruction, env.app());
            }
        }
    }

    private void requireKnown(Set<String> known, Instruction instruction, String app) {
        if (!known.contains(app)) {
            throw error(instruction, "application " + app + " used by " + instruction.keyword()
                    + " is not declared: declare it with APP, CNI or CSI before, or inherit it from the base image");
        }
    }

    private KubefileException error(Instruction instruction, String problem) {
        return new KubefileException(source, instruction.line(), instruction.original(), problem);
    }
}
