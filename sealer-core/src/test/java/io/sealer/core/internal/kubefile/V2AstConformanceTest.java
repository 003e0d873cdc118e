package io.sealer.core.internal.kubefile;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The v2-era AST conformance table (sealer-spec.md 1.2.1). Rows are single instructions in the spec; here each gets
 * {@code FROM scratch\n} (and the APP declarations it refers to) prepended because a Kubefile must start with FROM
 * and, for {@code FROM scratch}, name only declared applications. The AST's raw argument words become typed record
 * fields; rows where the result deliberately differs from sealer say why in an "ADAPTED" comment.
 */
class V2AstConformanceTest {
    private static final String APPS = "FROM scratch\nAPP app1 local://a\nAPP app2 local://b\n";

    static Stream<Arguments> rows() {
        return Stream.of(
                arguments("cmds-json", "FROM scratch\nCMDS [\"kubectl apply -f abc.yaml\", \"kubectl apply -f bcd.yaml\"]",
                        "FROM scratch | CMDS [kubectl apply -f abc.yaml, kubectl apply -f bcd.yaml]"),
                // ADAPTED: sealer turned each word of a non-JSON CMDS into its own command ("kubectl", "apply", ...);
                // here the text is one command.
                arguments("cmds-words", "FROM scratch\nCMDS kubectl apply -f a.yaml", "FROM scratch | CMDS [kubectl apply -f a.yaml]"),
                arguments("cmd", "FROM scratch\nCMD kubectl apply -f a.yaml", "FROM scratch | CMD [kubectl apply -f a.yaml]"),
                arguments("run-shell", "FROM scratch\nRUN echo \"a  b\"", "FROM scratch | RUN sh:echo \"a  b\""),
                arguments("run-json", "FROM scratch\nRUN [\"sh\",\"-c\",\"echo x\"]", "FROM scratch | RUN exec:[sh, -c, echo x]"),
                arguments("launch-words", APPS + "LAUNCH app1 app2",
                        "FROM scratch | APP app1 [local://a] | APP app2 [local://b] | LAUNCH [app1, app2]"),
                arguments("launch-json", APPS + "LAUNCH [\"app1\",\"app2\"]",
                        "FROM scratch | APP app1 [local://a] | APP app2 [local://b] | LAUNCH [app1, app2]"),
                // sealer re-parsed the JSON from the original line later; here it is parsed at once.
                arguments("appcmds", "FROM scratch\nAPP mixedapp local://m\nAPPCMDS mixedapp [\"kubectl apply -f app.yaml\"]",
                        "FROM scratch | APP mixedapp [local://m] | APPCMDS mixedapp [kubectl apply -f app.yaml]"),
                // ADAPTED: Docker rejects a word without '=' in ENV (sealer silently ignored "c").
                arguments("env", "FROM scratch\nENV a=1 b=\"x y\" c", "!2: expected key=value in ENV, found \"c\""),
                arguments("env-quoted", "FROM scratch\nENV a=1 b=\"x y\"", "FROM scratch | ENV {a=1, b=x y}"),
                arguments("label", "FROM scratch\nLABEL k=v \"k 2\"=\"v 2\"", "FROM scratch | LABEL {k=v, k 2=v 2}"),
                arguments("label-old", "FROM scratch\nLABEL oldkey old value", "FROM scratch | LABEL {oldkey=old value}"),
                arguments("from-platform", "FROM --platform=linux/arm64 docker.io/sealerio/kubernetes:v1.22.15 AS x",
                        "FROM docker.io/sealerio/kubernetes:v1.22.15 platform=linux/arm64 as=x"),
                arguments("copy-flag", "FROM scratch\nCOPY --chown=1000 a b", "FROM scratch | COPY [a] b {chown=1000}"),
                arguments("copy-json", "FROM scratch\nCOPY [\"a b\", \"c\"]", "FROM scratch | COPY [a b] c"),
                arguments("kubeversion", "FROM scratch\nKUBEVERSION >=1.20 <1.25", "FROM scratch | KUBEVERSION >=1.20 <1.25"),
                // ADAPTED: the AST had args [scratch, #, comment] and the build failed later; FROM rejects it at once.
                arguments("from-comment", "FROM scratch # comment", "!1: '#' starts a comment only at the beginning"),
                arguments("indented-comment", "FROM scratch\n   # indented\nCOPY a b", "FROM scratch | COPY [a] b"),
                arguments("continuation-comment", "FROM scratch\nRUN echo a \\\n# c\n  && echo b",
                        "FROM scratch | RUN sh:echo a   && echo b"),
                // The directive must come first, so FROM follows it.
                arguments("escape", "# escape=`\nFROM scratch\nRUN echo a `\n  echo b", "FROM scratch | RUN sh:echo a   echo b"),
                arguments("escaped-escape", "FROM scratch\nRUN echo a\\\\\nCOPY a b", "FROM scratch | RUN sh:echo a\\COPY a b"),
                arguments("lower-case", "from scratch\ncmds [\"x\"]", "FROM scratch | CMDS [x]"),
                // ADAPTED: unknown instructions are rejected by the parser, with the line (sealer: later, without).
                arguments("unknown", "FROM scratch\nFOO bar baz", "!2: unknown instruction FOO"),
                arguments("json-non-string", "FROM scratch\nCMDS [1,2]", "!2: arrays must be comprised of strings only"),
                arguments("from-empty", "FROM", "!1: FROM needs an image"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void conformsToV2AstTable(String row, String input, String expected) {
        Rendering.check(input, expected, false);
    }
}
