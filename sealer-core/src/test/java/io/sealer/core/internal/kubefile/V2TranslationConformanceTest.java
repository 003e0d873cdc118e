package io.sealer.core.internal.kubefile;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The v2-era translation table (sealer-spec.md 1.2.2), compared on the folded model a build consumes
 * ({@link Rendering#folded}): apps, env, commands, launch... The Dockerfile text sealer generated for buildah is not
 * ours to produce, so those columns are checked as the corresponding model values. Application type detection
 * (helm/kube/shell, the {@code mixedapp without APPCMDS} row) needs files and is the build's job, so it is not here.
 * Rows without FROM get {@code FROM scratch\n} prepended (FROM is required first); "ADAPTED" comments explain rows
 * where the result deliberately differs from sealer.
 */
class V2TranslationConformanceTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                arguments("TestParserCMDS", "FROM scratch\nCMDS [\"kubectl apply -f abc.yaml\", \"kubectl apply -f bcd.yaml\"]",
                        "from=scratch commands=[kubectl apply -f abc.yaml, kubectl apply -f bcd.yaml]"),
                arguments("TestParserKubeApp", "FROM scratch\nAPP nginx local://deployment.yaml\nLAUNCH [\"nginx\"]",
                        "from=scratch apps=[APP nginx [local://deployment.yaml]] launch=[nginx]"),
                arguments("TestParserHelmApp", "FROM scratch\nAPP github-app local://./test/brigade-github-app\nLAUNCH github-app",
                        "from=scratch apps=[APP github-app [local://./test/brigade-github-app]] launch=[github-app]"),
                arguments("TestParserEnv", "FROM scratch \nAPP app1 local://app1.yaml\nENV globalKey=globalValue\n"
                        + "APPENV app1 key1=value1 key2=value2\nAPPENV app1 key1=value3 key2=value3\nLAUNCH [\"app1\"]",
                        "from=scratch apps=[APP app1 [local://app1.yaml]] appEnv={app1={key1=value3, key2=value3}}"
                                + " env={globalKey=globalValue} launch=[app1]"),
                arguments("build_with_appcmds", "FROM scratch\nAPP yamlapp local://yamlcontext\nAPP shellapp local://shellcontext\n"
                        + "APP mixedapp local://install.sh local://mixedcontext\n"
                        + "APPCMDS mixedapp [\"kubectl apply -f app.yaml\"]\nLAUNCH [\"mixedapp\",\"shellapp\"]",
                        "from=scratch apps=[APP yamlapp [local://yamlcontext], APP shellapp [local://shellcontext],"
                                + " APP mixedapp [local://install.sh, local://mixedcontext]]"
                                + " appCmds={mixedapp=[kubectl apply -f app.yaml]} launch=[mixedapp, shellapp]"),
                arguments("app-schema", "FROM scratch\nAPP a ./x.yaml", "!2: must start with local://, http:// or https://"),
                arguments("launch-not-last", "FROM scratch\nAPP a local://a\nLAUNCH a\nCOPY x y", "!3: LAUNCH must be the last instruction"),
                arguments("launch-twice", "FROM scratch\nAPP a local://a\nLAUNCH a\nLAUNCH a", "!3: LAUNCH must be the last instruction"),
                arguments("cmds-not-last", "FROM scratch\nCMDS [\"a\"]\nCOPY x y", "!2: CMDS must be the last instruction"),
                arguments("cmd-and-launch", "FROM scratch\nAPP a local://a\nCMD echo 1\nLAUNCH a",
                        "!4: CMD and LAUNCH are mutually exclusive"),
                arguments("cmd-then-cmds", "FROM scratch\nCMD echo 1\nCMDS [\"echo 2\",\"echo 3\"]",
                        "from=scratch commands=[echo 1, echo 2, echo 3]"),
                arguments("cmd-comma-in-quotes", "FROM scratch\nCMD echo \"done, ok\"", "from=scratch commands=[echo \"done, ok\"]"),
                // ADAPTED: Docker rejects "c" (no '='); sealer ignored it and cut b at the space ("x).
                arguments("env-bad-word", "FROM scratch\nENV a=1  b=\"x y\" c", "!2: expected key=value in ENV"),
                arguments("env-quotes", "FROM scratch\nENV a=1  b=\"x y\"", "from=scratch env={a=1, b=x y}"),
                // The label sealer derives from KUBEVERSION is added by the build; the model keeps the constraint.
                arguments("kubeversion", "FROM scratch\nKUBEVERSION >=1.20.0", "from=scratch kubeVersion=[>=1.20.0]"),
                arguments("cni", "FROM scratch\nCNI calico local://calico.yaml\nLAUNCH calico",
                        "from=scratch apps=[CNI calico [local://calico.yaml]] launch=[calico]"),
                // ${ARCH} is expanded by the build for its target platform; the model keeps the text.
                arguments("copy-arch", "FROM scratch\nCOPY ${ARCH}/bin bin\nCOPY $ARCH/bin bin2\nCOPY imageList manifests",
                        "from=scratch copies=[[${ARCH}/bin]->bin, [$ARCH/bin]->bin2, [imageList]->manifests]"),
                // ADAPTED: Docker semantics, the last word is the destination (sealer copied a -> b).
                arguments("copy-three", "FROM scratch\nCOPY a b c", "from=scratch copies=[[a, b]->c]"),
                arguments("copy-one", "FROM scratch\nCOPY onlysrc", "!2: COPY needs a source and a destination"),
                arguments("from-flag", "FROM --foo=bar img", "!1: flag --foo is not available in FROM"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void conformsToV2TranslationTable(String row, String input, String expected) {
        Rendering.check(input, expected, true);
    }
}
