package io.sealer.core.internal.kubefile;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The v1-era parser conformance table (sealer-spec.md 1.1.1), row by row. Expected values use {@link Rendering}; an
 * expectation {@code !N: text} is an error on line N. Rows whose input has no FROM get {@code FROM scratch\n}
 * prepended (DESIGN.md: FROM is required and first); their line numbers shift by one. Rows where DESIGN.md
 * deliberately differs from sealer v0.8 say why in an "ADAPTED" comment.
 */
class V1ConformanceTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                arguments("1", "FROM kubernetes:1.18.1\n\n# this is annotations\nCOPY dashboard .\n"
                        + "RUN echo \"Config ssh ...\" \\\n    && echo \"PermitRootLogin yes\" >> /etc/ssh/sshd_config\n"
                        + "RUN kubectl apply -f dashboard",
                        "FROM kubernetes:1.18.1 | COPY [dashboard] . | RUN sh:echo \"Config ssh ...\"     && echo "
                                + "\"PermitRootLogin yes\" >> /etc/ssh/sshd_config | RUN sh:kubectl apply -f dashboard"),
                arguments("2a", "FROM kubernetes:1.18.2", "FROM kubernetes:1.18.2"),
                arguments("2b", " FROM kubernetes:1.18.2", "FROM kubernetes:1.18.2"),
                arguments("2c", "FROM kubernetes:1.18.2 ", "FROM kubernetes:1.18.2"),
                arguments("3", "from kubernetes:v1\ncopy a b", "FROM kubernetes:v1 | COPY [a] b"),
                // v0.8 kept the raw value "a\t b" and copied a -> b; we split it into words: same source and dest.
                arguments("4", "FROM\tkubernetes:v1\nCOPY\ta\t b", "FROM kubernetes:v1 | COPY [a] b"),
                arguments("5", "FROM scratch\nARG a=1, b = 2 ,c=x=y", "FROM scratch | ARG [a, b, c] {a=1, b=2, c=x=y}"),
                // ADAPTED: v0.8 logged an error and kept {ok:1}; an invalid name is an error here, never ignored.
                arguments("6", "FROM scratch\nARG ok=1,bad-key=2,later=3", "!2: invalid ARG name \"bad-key\""),
                // v0.8 stored no value; Docker's ARG without default declares the name: still no default value.
                arguments("7", "FROM scratch\nARG novalue", "FROM scratch | ARG [novalue] {}"),
                arguments("8", "FROM scratch\nARG a=1\nARG a=2,b=3", "FROM scratch | ARG [a] {a=1} | ARG [a, b] {a=2, b=3}"),
                arguments("9", "FROM scratch\nCMD kubectl apply -f a.yaml, kubectl apply -f b.yaml,,  echo c",
                        "FROM scratch | CMD [kubectl apply -f a.yaml, kubectl apply -f b.yaml, echo c]"),
                arguments("10", "FROM scratch\nCMD echo 1\nCMD echo 2", "FROM scratch | CMD [echo 1] | CMD [echo 2]"),
                // ADAPTED: v0.8 had no JSON form and kept the brackets; Docker-style JSON form gives one command each.
                arguments("11", "FROM scratch\nCMD [\"a\",\"b\"]", "FROM scratch | CMD [a, b]"),
                // ADAPTED: inline '#' is not a comment (Docker): "FROM img # c" has three words, which FROM rejects
                // (v0.8 accepted the line and later failed to pull "kubernetes:v1 # base image").
                arguments("12a", "FROM kubernetes:v1 # base image\nCOPY a b # copy",
                        "!1: FROM takes one image and an optional AS <name>, found 4 words"),
                // ADAPTED: as in Docker the words after '#' are arguments (v0.8 copied a -> b, ignoring the rest).
                arguments("12b", "FROM scratch\nCOPY a b # copy", "FROM scratch | COPY [a, b, #] copy"),
                // ADAPTED: indented comments are comments (Docker); v0.8 rejected them.
                arguments("13", "FROM scratch\n  # indented comment\nCOPY a b", "FROM scratch | COPY [a] b"),
                arguments("14", "FROM scratch\nRUN echo a \\\n# comment\n  && echo b", "FROM scratch | RUN sh:echo a   && echo b"),
                arguments("15", "FROM scratch\nRUN echo a \\\n\n  && echo b", "FROM scratch | RUN sh:echo a   && echo b"),
                // ADAPTED: Docker continues after any trailing escape character, even an escaped one.
                arguments("16", "FROM scratch\nRUN echo a\\\\\nCOPY a b", "FROM scratch | RUN sh:echo a\\COPY a b"),
                arguments("17", "FROM scratch\nRUN echo a \\   \n echo b", "FROM scratch | RUN sh:echo a  echo b"),
                arguments("18", "FROM scratch\n\\\nCOPY a b", "FROM scratch | COPY [a] b"),
                arguments("19", "FROM scratch\nRUN echo a \\", "FROM scratch | RUN sh:echo a"),
                // ADAPTED: LABEL and ENV are instructions here (DESIGN.md).
                arguments("20a", "FROM scratch\nLABEL a=b", "FROM scratch | LABEL {a=b}"),
                arguments("20b", "FROM scratch\nENV a=b", "FROM scratch | ENV {a=b}"),
                arguments("21", "FROM scratch\nRUN", "!2: RUN needs a command"),
                arguments("22a", "FROM scratch\r\nCOPY a b\r\n", "FROM scratch | COPY [a] b"),
                arguments("22b", "\uFEFFFROM scratch\nCOPY a b", "FROM scratch | COPY [a] b"),
                // ADAPTED: Docker semantics, the last word is the destination (v0.8 copied a -> b and ignored c).
                arguments("23", "FROM scratch\nCOPY a b c", "FROM scratch | COPY [a, b] c"),
                // ADAPTED: the parser itself enforces FROM first (v0.8 left it to the builder).
                arguments("24", "COPY a b\nFROM scratch", "!1: the first instruction must be FROM, found COPY"),
                // ADAPTED: a Kubefile needs FROM; an empty one is an error (line 0: no line to blame).
                arguments("25", "", "!0: the Kubefile has no instructions"));
    }

    @ParameterizedTest(name = "row {0}")
    @MethodSource("rows")
    void conformsToV1Table(String row, String input, String expected) {
        Rendering.check(input, expected, false);
    }
}
