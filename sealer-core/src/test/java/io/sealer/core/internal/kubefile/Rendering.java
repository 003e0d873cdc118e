package io.sealer.core.internal.kubefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sealer.api.KubefileException;
import io.sealer.api.kubefile.Add;
import io.sealer.api.kubefile.AppCmds;
import io.sealer.api.kubefile.AppDeclaration;
import io.sealer.api.kubefile.AppEnv;
import io.sealer.api.kubefile.Arg;
import io.sealer.api.kubefile.Cmd;
import io.sealer.api.kubefile.Cmds;
import io.sealer.api.kubefile.Copy;
import io.sealer.api.kubefile.Env;
import io.sealer.api.kubefile.From;
import io.sealer.api.kubefile.Instruction;
import io.sealer.api.kubefile.KubeVersion;
import io.sealer.api.kubefile.Kubefile;
import io.sealer.api.kubefile.Label;
import io.sealer.api.kubefile.Launch;
import io.sealer.api.kubefile.Maintainer;
import io.sealer.api.kubefile.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Compact text forms of parse results, so conformance tables stay readable. */
final class Rendering {
    private Rendering() {
    }

    /**
     * Parses {@code input} and compares with {@code expected}: either a rendering or {@code !<line>: <text>} for an
     * error on that line whose problem contains the text.
     */
    static void check(String input, String expected, boolean folded) {
        KubefileParser parser = new KubefileParser();
        if (expected.startsWith("!")) {
            KubefileException e = catchThrowableOfType(KubefileException.class, () -> parser.parse("Kubefile", input));
            assertThat(e).as("expected an error for %s", input).isNotNull();
            int colon = expected.indexOf(": ");
            assertThat(e.line()).as("line of: %s", e.getMessage())
                    .isEqualTo(Integer.parseInt(expected.substring(1, colon)));
            assertThat(e.problem()).contains(expected.substring(colon + 2));
            assertThat(e.source()).contains("Kubefile");
        } else {
            Kubefile kubefile = parser.parse("Kubefile", input);
            assertThat(folded ? folded(kubefile) : instructions(kubefile)).isEqualTo(expected);
        }
    }

    static String instructions(Kubefile kubefile) {
        return kubefile.instructions().stream().map(Rendering::instruction).collect(Collectors.joining(" | "));
    }

    static String instruction(Instruction instruction) {
        if (instruction instanceof From f) {
            return "FROM " + f.image() + (f.platforms().isEmpty() ? ""
                    : " platform=" + f.platforms().stream().map(Object::toString).collect(Collectors.joining(",")))
                    + f.stageName().map(s -> " as=" + s).orElse("");
        } else if (instruction instanceof Copy c) {
            return "COPY " + c.sources() + " " + c.destination() + (c.flags().isEmpty() ? "" : " " + c.flags());
        } else if (instruction instanceof Add a) {
            return "ADD " + a.sources() + " " + a.destination() + (a.flags().isEmpty() ? "" : " " + a.flags());
        } else if (instruction instanceof Run r) {
            return "RUN " + (r.execForm() ? "exec:" + r.arguments() : "sh:" + r.arguments().get(0));
        } else if (instruction instanceof Cmd c) {
            return "CMD " + c.commands();
        } else if (instruction instanceof Cmds c) {
            return "CMDS " + c.commands();
        } else if (instruction instanceof Arg a) {
            return "ARG " + a.names() + " " + a.defaults();
        } else if (instruction instanceof Label l) {
            return "LABEL " + l.labels();
        } else if (instruction instanceof Env e) {
            return "ENV " + e.variables();
        } else if (instruction instanceof Maintainer m) {
            return "MAINTAINER " + m.name();
        } else if (instruction instanceof AppDeclaration a) {
            return a.keyword() + " " + a.name() + " " + a.sources();
        } else if (instruction instanceof Launch l) {
            return "LAUNCH " + l.apps();
        } else if (instruction instanceof AppCmds a) {
            return "APPCMDS " + a.app() + " " + a.commands();
        } else if (instruction instanceof AppEnv a) {
            return "APPENV " + a.app() + " " + a.variables();
        } else if (instruction instanceof KubeVersion k) {
            return "KUBEVERSION " + k.constraint();
        }
        throw new AssertionError(instruction);
    }

    /** The folded view a build consumes (what sealer v2 stores as its Kubefile result); empty parts omitted. */
    static String folded(Kubefile kubefile) {
        List<String> parts = new ArrayList<>();
        parts.add("from=" + kubefile.from().image());
        List<String> copies = kubefile.instructions(Copy.class).stream()
                .map(c -> c.sources() + "->" + c.destination()).toList();
        add(parts, "copies", copies);
        add(parts, "apps", kubefile.apps().stream().map(a -> a.keyword() + " " + a.name() + " " + a.sources())
                .toList());
        Map<String, Object> appEnv = new LinkedHashMap<>();
        Map<String, Object> appCmds = new LinkedHashMap<>();
        for (AppDeclaration app : kubefile.apps()) {
            if (!kubefile.appEnv(app.name()).isEmpty()) {
                appEnv.put(app.name(), kubefile.appEnv(app.name()));
            }
            kubefile.appCmds(app.name()).ifPresent(c -> appCmds.put(app.name(), c));
        }
        add(parts, "appEnv", appEnv);
        add(parts, "appCmds", appCmds);
        add(parts, "env", kubefile.env());
        add(parts, "labels", kubefile.labels());
        add(parts, "args", kubefile.argDefaults());
        add(parts, "kubeVersion", kubefile.instructions(KubeVersion.class).stream().map(KubeVersion::constraint)
                .toList());
        add(parts, "commands", kubefile.commands());
        kubefile.launch().ifPresent(l -> parts.add("launch=" + l.apps()));
        return String.join(" ", parts);
    }

    private static void add(List<String> parts, String name, Object value) {
        boolean empty = value instanceof Map<?, ?> m ? m.isEmpty() : ((List<?>) value).isEmpty();
        if (!empty) {
            parts.add(name + "=" + value);
        }
    }
}
