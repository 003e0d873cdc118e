package io.sealer.core.internal.kubefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sealer.api.KubefileException;
import io.sealer.api.SealerException;
import io.sealer.api.image.Platform;
import io.sealer.api.kubefile.Add;
import io.sealer.api.kubefile.Arg;
import io.sealer.api.kubefile.Copy;
import io.sealer.api.kubefile.From;
import io.sealer.api.kubefile.Kubefile;
import io.sealer.api.kubefile.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubefileParserTest {
    private final KubefileParser parser = new KubefileParser();

    private Kubefile parse(String text) {
        return parser.parse("Kubefile", text);
    }

    private KubefileException error(String text) {
        KubefileException e = catchThrowableOfType(KubefileException.class, () -> parse(text));
        assertThat(e).as("expected a KubefileException for %s", text).isNotNull();
        return e;
    }

    @Nested
    class LineNumbers {
        @Test
        void errorNamesFileLineAndTextOfTheInstruction() {
            KubefileException e = error("# header\n\nFROM scratch\nRUN echo a \\\n  b\nCOPY onlysrc\n");
            assertThat(e.line()).isEqualTo(6);
            assertThat(e.source()).contains("Kubefile");
            assertThat(e.text()).isEqualTo("COPY onlysrc");
            assertThat(e.getMessage()).isEqualTo(
                    "Kubefile:6: COPY needs a source and a destination: COPY <src>... <dest>: COPY onlysrc");
        }

        @Test
        void continuedInstructionIsReportedAtItsFirstLine() {
            KubefileException e = error("FROM scratch\nCOPY \\\n\n  # c\n  onlysrc");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.text()).isEqualTo("COPY   onlysrc");
        }

        @Test
        void instructionsKnowTheirStartLineAndOriginalText() {
            Kubefile kubefile = parse("FROM scratch\n# c\nRUN a \\\n  b\n\nCOPY x y");
            assertThat(kubefile.instructions()).extracting(i -> i.line()).containsExactly(1, 3, 6);
            assertThat(kubefile.instructions().get(1).original()).isEqualTo("RUN a   b");
        }

        @Test
        void crossInstructionErrorsUseTheLaterInstructionsLine() {
            assertThat(error("FROM scratch\nCOPY a b\nFROM scratch").line()).isEqualTo(3);
            assertThat(error("FROM scratch\nAPP a local://x\nAPP a local://y").getMessage())
                    .contains(":3:", "already declared on line 2");
        }

        @Test
        void warningsCarryLineNumbers() {
            Kubefile kubefile = parse("FROM scratch\nRUN echo a \\\n\n  && echo b\nCMD a, b");
            assertThat(kubefile.warnings()).hasSize(2);
            assertThat(kubefile.warnings().get(0)).startsWith("Kubefile:3: empty line inside the continued"
                    + " instruction of line 2");
            assertThat(kubefile.warnings().get(1)).startsWith("Kubefile:5: CMD is split at commas into 2 commands");
        }
    }

    @Nested
    class Encoding {
        @Test
        void crlfAndBomAreAccepted() {
            Kubefile kubefile = parse("\uFEFFFROM scratch\r\nRUN echo a \\\r\n  echo b\r\nCOPY a b\r\n");
            assertThat(Rendering.instructions(kubefile)).isEqualTo(
                    "FROM scratch | RUN sh:echo a   echo b | COPY [a] b");
        }

        @Test
        void loneCarriageReturnIsNotALineBreak() {
            assertThat(error("FROM scratch\rCOPY a b").problem()).contains("FROM takes one image");
        }

        @Test
        void fileIsReadAsUtf8(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("Kubefile");
            Files.writeString(file, "FROM scratch\nLABEL name=\"naïve ünicode\"\n");
            assertThat(parser.parse(file).labels()).containsEntry("name", "naïve ünicode");
            assertThat(parser.parse(file).source()).isEqualTo(file.toString());
        }

        @Test
        void invalidUtf8IsAKubefileError(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("Kubefile");
            Files.write(file, new byte[] {'F', 'R', 'O', 'M', ' ', (byte) 0xC3, (byte) 0x28});
            assertThatThrownBy(() -> parser.parse(file)).isInstanceOf(KubefileException.class)
                    .hasMessageContaining("not valid UTF-8");
        }

        @Test
        void missingFileIsASealerException(@TempDir Path dir) {
            assertThatThrownBy(() -> parser.parse(dir.resolve("nope"))).isInstanceOf(SealerException.class)
                    .hasMessageContaining("cannot read the Kubefile");
        }

        @Test
        void overlongLineIsRejected() {
            String text = "FROM scratch\nRUN " + "x".repeat(Lexer.MAX_LINE + 1);
            assertThat(error(text).problem()).contains("longer than");
        }
    }

    @Nested
    class EscapeDirective {
        @Test
        void backtickEscapeMakesBackslashLiteral() {
            Kubefile kubefile = parse("# escape=`\nFROM scratch\nCOPY C:\\dir\\a `\n  \"b c\"");
            Copy copy = kubefile.instructions(Copy.class).get(0);
            assertThat(copy.sources()).containsExactly("C:\\dir\\a");
            assertThat(copy.destination()).isEqualTo("b c");
        }

        @Test
        void directiveIsCaseInsensitiveAndMayHaveSpaces() {
            assertThat(Rendering.instructions(parse("#  ESCAPE = `\nFROM scratch\nRUN a `\nb")))
                    .isEqualTo("FROM scratch | RUN sh:a b");
        }

        @Test
        void directiveAfterAnythingElseIsAComment() {
            assertThat(Rendering.instructions(parse("FROM scratch\n# escape=`\nRUN a `")))
                    .isEqualTo("FROM scratch | RUN sh:a `");
            assertThat(Rendering.instructions(parse("\n# escape=`\nFROM scratch\nRUN a `")))
                    .isEqualTo("FROM scratch | RUN sh:a `");
            assertThat(Rendering.instructions(parse("# a comment\n# escape=`\nFROM scratch\nRUN a `")))
                    .isEqualTo("FROM scratch | RUN sh:a `");
        }

        @Test
        void otherDirectivesAreIgnored() {
            assertThat(Rendering.instructions(parse("# syntax=x\n# escape=`\nFROM scratch\nRUN a `\nb")))
                    .isEqualTo("FROM scratch | RUN sh:a b");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "# escape=x|invalid escape directive",
            "# escape=|invalid escape directive",
            "# escape=\\\\n# escape=`|only once"})
        void invalidDirectivesAreRejected(String header, String problem) {
            KubefileException e = error(header.replace("\\n", "\n") + "\nFROM scratch");
            assertThat(e.problem()).contains(problem);
            assertThat(e.line()).isPositive();
        }
    }

    @Nested
    class JsonForms {
        @Test
        void runExecForm() {
            Run run = parse("FROM scratch\nRUN [\"sh\", \"-c\", \"echo \\\"x\\\"\"]").instructions(Run.class).get(0);
            assertThat(run.execForm()).isTrue();
            assertThat(run.argv()).containsExactly("sh", "-c", "echo \"x\"");
        }

        @Test
        void runShellFormArgv() {
            Run run = parse("FROM scratch\nRUN echo a && echo b").instructions(Run.class).get(0);
            assertThat(run.execForm()).isFalse();
            assertThat(run.argv()).containsExactly("/bin/sh", "-c", "echo a && echo b");
            assertThat(run.command()).isEqualTo("echo a && echo b");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "RUN [ \"a\"|RUN sh:[ \"a\"",
            "RUN [\"a\"] x|RUN sh:[\"a\"] x",
            "RUN [a, b]|RUN sh:[a, b]",
            "COPY --chown=1:2 [\"a\", \"b\", \"/c/\"]|COPY [a, b] /c/ {chown=1:2}",
            "CMD [\"a, b\", \"c\"]|CMD [a, b, c]",
            "APP [\"n\", \"local://x y\"]|APP n [local://x y]",
            "CMDS [\"a\"]|CMDS [a]"})
        void jsonOrFallback(String line, String expected) {
            assertThat(Rendering.instruction(parse("FROM scratch\n" + line).instructions().get(1))).isEqualTo(expected);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "RUN []|must not be empty",
            "CMD [[\"a\"]]|strings only",
            "LAUNCH [\"a\", null]|strings only",
            "COPY [\"a\"]|needs a source and a destination",
            "COPY [\"\", \"b\"]|must not be empty"})
        void invalidJson(String line, String problem) {
            KubefileException e = error("FROM scratch\n" + line);
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.problem()).contains(problem);
        }

        @Test
        void appEnvJsonForm() {
            Kubefile kubefile = parse("FROM scratch\nAPP a local://x\nAPPENV [\"a\", \"k=v w\"]");
            assertThat(kubefile.appEnv("a")).isEqualTo(Map.of("k", "v w"));
        }

        @Test
        void appCmdsWithoutJsonIsOneCommand() {
            Kubefile kubefile = parse("FROM scratch\nAPP a local://x\nAPPCMDS a kubectl apply -f x.yaml");
            assertThat(kubefile.appCmds("a")).contains(List.of("kubectl apply -f x.yaml"));
        }
    }

    @Nested
    class Instructions {
        @Test
        void fromPlatformIsNormalised() {
            From from = parse("FROM --platform=linux/aarch64/v8 docker.io/sealerio/kubernetes:v1.22.15").from();
            assertThat(from.platform()).contains(Platform.LINUX_ARM64);
            assertThat(from.isScratch()).isFalse();
            assertThat(from.reference().repository()).contains("sealerio/kubernetes");
        }

        /** sealer's parseListFlag spellings (build/kubefile/parser/flags_test.go) and a spaced list without quotes. */
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "FROM --platform=[linux/amd64,linux/arm64] scratch",
            "FROM --platform=linux/amd64,linux/arm64 scratch",
            "FROM --platform=\"[linux/amd64, linux/arm64]\" scratch",
            "FROM --platform='[linux/amd64, linux/arm64]' scratch",
            "FROM --platform=[linux/amd64, linux/arm64] scratch",
            "FROM --platform=[\"linux/amd64\",\"linux/arm64\"] scratch",
            "FROM --platform=[linux/amd64,linux/arm64,linux/amd64] scratch"})
        void fromPlatformTakesSealersListSpellings(String line) {
            From from = parse(line).from();
            assertThat(from.platforms()).containsExactly(Platform.LINUX_AMD64, Platform.LINUX_ARM64);
            assertThat(from.platform()).as("no single platform to force").isEmpty();
            assertThat(from.image()).isEqualTo("scratch");
        }

        @Test
        void fromPlatformListOfOneIsThatPlatform() {
            From from = parse("FROM --platform=[linux/arm64] kubernetes:v1.19.8").from();
            assertThat(from.platforms()).containsExactly(Platform.LINUX_ARM64);
            assertThat(from.platform()).contains(Platform.LINUX_ARM64);
            assertThat(from.image()).isEqualTo("kubernetes:v1.19.8");
        }

        @Test
        void addOfLocalSourcesIsParsedLikeCopy() {
            Kubefile kubefile = parse("FROM scratch\nADD --chmod=0755 image-cri-shim cri/image-cri-shim\n"
                    + "ADD [\"cfg.yaml\", \"etc/image-cri-shim.yaml.tmpl\"]");
            List<Add> adds = kubefile.instructions(Add.class);
            assertThat(adds).hasSize(2);
            assertThat(adds.get(0).keyword()).isEqualTo("ADD");
            assertThat(adds.get(0).sources()).containsExactly("image-cri-shim");
            assertThat(adds.get(0).destination()).isEqualTo("cri/image-cri-shim");
            assertThat(adds.get(0).flags()).isEqualTo(Map.of("chmod", "0755"));
            assertThat(adds.get(1).sources()).containsExactly("cfg.yaml");
            assertThat(adds.get(1).asCopy().destination()).isEqualTo("etc/image-cri-shim.yaml.tmpl");
            assertThat(kubefile.instructions(Copy.class)).as("an ADD is not a COPY in the model").isEmpty();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "FROM --platform= scratch|invalid --platform",
            "FROM --platform=a/b/c/d scratch|invalid --platform",
            "FROM --platform=[] scratch|an item is empty",
            "FROM --platform=[linux/amd64,] scratch|an item is empty",
            "FROM --platform=[linux/amd64 scratch|unbalanced brackets",
            "FROM --platform=linux/amd64,a/b/c/d scratch|found \"a/b/c/d\"",
            "FROM Invalid:Image|invalid image reference",
            "FROM a AS 1x|invalid stage name",
            "FROM a b|FROM takes one image",
            "FROM scratch\\nRUN --network=host echo|flag --network is not available in RUN",
            "FROM scratch\\nCOPY --from=x a b|flag --from is not available in COPY",
            "FROM scratch\\nCOPY --=x a b|invalid flag",
            "FROM scratch\\nCOPY \"a b|unterminated double quote",
            "FROM scratch\\nENV 1x=y|invalid ENV name",
            "FROM scratch\\nENV a-b=y|invalid ENV name",
            "FROM scratch\\nENV a|has no value",
            "FROM scratch\\nLABEL =v|key must not be empty",
            "FROM scratch\\nAPP ../x local://a|invalid application name",
            "FROM scratch\\nAPP a|needs a name and sources",
            "FROM scratch\\nAPP a local://|must start with local://",
            "FROM scratch\\nAPP a ftp://x|must start with local://",
            "FROM scratch\\nAPPENV a|needs an application name",
            "FROM scratch\\nAPP a local://x\\nAPPENV a b|expected key=value in APPENV",
            "FROM scratch\\nAPPCMDS a|needs an application name and commands",
            "FROM scratch\\nLAUNCH nope|application nope used by LAUNCH is not declared",
            "FROM scratch\\nAPPENV nope k=v|application nope used by APPENV is not declared",
            "FROM scratch\\nAPPCMDS nope [\"x\"]|application nope used by APPCMDS is not declared",
            "FROM scratch\\nCOPY a b\\nFROM scratch|FROM may appear only once",
            "FROM scratch\\nADD https://example.com/a.tgz /opt|ADD source \"https://example.com/a.tgz\" is remote",
            "FROM scratch\\nADD git@github.com:sealerio/sealer.git src|is remote",
            "FROM scratch\\nADD --checksum=sha256:0 a b|flag --checksum is not available in ADD",
            "FROM scratch\\nADD onlysrc|ADD needs a source and a destination"})
        void rejected(String csvText, String problem) {
            String text = csvText.replace("\\n", "\n");
            KubefileException e = error(text);
            assertThat(e.problem()).contains(problem);
            assertThat(e.line()).isEqualTo(text.split("\n").length);
        }

        @Test
        void argForms() {
            Kubefile kubefile = parse("FROM scratch\nARG a=1 b \"c\"=\"x y\"\nARG list=a,b,c\nARG a=2, d = 3");
            List<Arg> args = kubefile.instructions(Arg.class);
            assertThat(args.get(0).names()).containsExactly("a", "b", "c");
            assertThat(args.get(0).defaults()).containsExactly(Map.entry("a", "1"), Map.entry("c", "x y"));
            assertThat(args.get(1).defaults()).containsExactly(Map.entry("list", "a,b,c"));
            assertThat(kubefile.argDefaults()).containsExactly(Map.entry("a", "2"), Map.entry("c", "x y"),
                    Map.entry("list", "a,b,c"), Map.entry("d", "3"));
            assertThat(kubefile.warnings()).singleElement().asString().contains(":4: ARG uses the comma-separated");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "CMD echo a,b|[echo a,b]",
            "CMD echo a,|[echo a,]",
            "CMD echo 'x, y', z|[echo 'x, y', z]",
            "CMD echo x\\, y|[echo x\\, y]",
            "CMD kubectl get po -o jsonpath='{.a, .b}'|[kubectl get po -o jsonpath='{.a, .b}']",
            "CMD a, b|[a, b]",
            "CMD kubectl create -f a && kubectl create -f b|[kubectl create -f a && kubectl create -f b]"})
        void cmdCommaRule(String line, String commands) {
            assertThat(parse("FROM scratch\n" + line).commands().toString()).isEqualTo(commands);
        }

        @Test
        void labelEnvAndMaintainer() {
            Kubefile kubefile = parse("FROM scratch\nMAINTAINER Jane <j@x.io>\nLABEL a=1 b='two words'\nLABEL a=3\n"
                    + "ENV PATH=/opt/bin:$PATH X=\"q\\\"uote\"\nENV OLD value with  spaces");
            assertThat(kubefile.labels()).containsExactly(Map.entry("a", "3"), Map.entry("b", "two words"));
            assertThat(kubefile.env()).containsExactly(Map.entry("PATH", "/opt/bin:$PATH"),
                    Map.entry("X", "q\"uote"), Map.entry("OLD", "value with  spaces"));
            assertThat(Rendering.instruction(kubefile.instructions().get(1))).isEqualTo("MAINTAINER Jane <j@x.io>");
        }

        @Test
        void copyWarnsAboutInlineHash() {
            assertThat(parse("FROM scratch\nCOPY a b # c").warnings()).singleElement().asString()
                    .contains(":2: '#' starts a comment only at the beginning of a line");
        }

        @Test
        void cniAndCsiAreApps() {
            Kubefile kubefile = parse("FROM scratch\nCNI calico https://x/calico.yaml\nCSI ceph local://ceph\n"
                    + "LAUNCH calico ceph");
            assertThat(kubefile.apps()).extracting(a -> a.keyword() + ":" + a.name())
                    .containsExactly("CNI:calico", "CSI:ceph");
        }
    }

    @Nested
    class AppReferences {
        private static final String TEXT = "FROM sealerio/kubernetes:v1.22\nAPPENV calico K=v\nLAUNCH calico mine";

        @Test
        void unknownAppsAreLeftToTheBuildForANonScratchBase() {
            Kubefile kubefile = parse(TEXT);
            assertThat(kubefile.launch()).hasValueSatisfying(l -> assertThat(l.apps()).containsExactly("calico",
                    "mine"));
        }

        @Test
        void buildValidatesAgainstTheBaseImagesApps() {
            Kubefile kubefile = parse(TEXT);
            parser.validateAppReferences(kubefile, Set.of("calico", "mine"));
            KubefileException e = catchThrowableOfType(KubefileException.class,
                    () -> parser.validateAppReferences(kubefile, Set.of("calico")));
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.problem()).contains("application mine used by LAUNCH is not declared");
        }

        @Test
        void referenceBeforeDeclarationIsRejected() {
            assertThat(error("FROM scratch\nAPPENV a k=v\nAPP a local://x").line()).isEqualTo(2);
        }
    }

    @Test
    void convenienceAccessors() {
        Kubefile kubefile = parse("FROM scratch\nCOPY a b\nCMD one\nCOPY c d\nCMDS [\"two\"]");
        assertThat(kubefile.instructions(Copy.class)).extracting(Copy::destination).containsExactly("b", "d");
        assertThat(kubefile.commands()).containsExactly("one", "two");
        assertThat(kubefile.from().keyword()).isEqualTo("FROM");
        assertThat(kubefile.launch()).isEmpty();
        assertThat(kubefile.appCmds("x")).isEmpty();
    }
}
