package io.sealer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Pins {@link QuickBuildLine} to picocli: the same options, the same values, and picocli for everything else. */
class QuickBuildLineTest {
    private static final Map<String, String> ENVIRONMENT = Map.of("SEALER_ROOT", "/env/root",
            "DOCKER_CONFIG", "/env/docker");

    @TempDir
    Path dir;

    @Test
    void knowsExactlyTheOptionsPicocliDeclaresForBuild() {
        CommandLine build = Cli.commandLine(dir, Map.of()).getSubcommands().get("build");
        List<OptionSpec> options = build.getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp()).toList();

        assertThat(names(QuickBuildLine.FLAGS)).isEqualTo(options.stream().filter(o -> o.arity().max() == 0)
                .flatMap(o -> Arrays.stream(o.names())).collect(Collectors.toSet()));
        assertThat(names(QuickBuildLine.VALUED)).isEqualTo(options.stream().filter(o -> o.arity().max() > 0)
                .flatMap(o -> Arrays.stream(o.names())).collect(Collectors.toSet()));
    }

    @Test
    void readsWhatPicocliReads() {
        List<List<String>> lines = List.of(
                List.of("build", "-t", "app:1", "ctx"),
                List.of("build", "ctx"),
                List.of("--root", "/r", "build", "-t", "a:1", ".", "--config", "/c"),
                List.of("build", "--root", "r2", "-t", "a", "ctx", "--root=r3", "--config=c.json"),
                List.of("-d", "build", "--tag=a:1", "--platform", "linux/amd64,linux/arm64", "--platform",
                        "linux/arm/v7", "--build-arg", "A=1,B=2", "--build-arg", "A=3", "--build-arg=C=x=y", "ctx"),
                List.of("build", "ctx", "-q", "--no-cache", "--no-image-cache", "--mirror-fallback", "--mirror",
                        "docker.io=http://127.0.0.1:5000", "--mirror=quay.io=https://m.example", "--image-source",
                        "a", "--image-source=b/c", "--max-pulls", "3", "--max-pulls=5", "-f", "K2", "--file=K3",
                        "--kubefile", "K4", "-m", "lite", "--build-mode=lite", "--mode", "lite", "--image-list", "l1",
                        "--image-list=l2", "--ignored-image-list", "i1", "--ignored-image-list=i2",
                        "--insecure-registry", "a:1,b:2", "--insecure-registry=c", "--tag", "x:1", "-t", "y:2"),
                List.of("build", "-t", "a:1", "--build-arg", "EMPTY=", "--platform", " linux/amd64", "ctx"),
                List.of("-q", "-d", "build", "build", "--tag", "x"),
                List.of("build", "-t", "app:1", "--max-pulls", "999999999", "my context/with spaces"));
        for (List<String> line : lines) {
            for (Map<String, String> environment : List.of(Map.<String, String>of(), ENVIRONMENT)) {
                String[] args = line.toArray(String[]::new);
                Optional<BuildCommand> quick = quick(environment, args);
                assertThat(quick).as("read %s", line).isPresent();
                assertThat(describe(quick.get())).as("%s with %s", line, environment)
                        .isEqualTo(describe(picocli(environment, args)));
            }
        }
    }

    @Test
    void leavesEverythingElseToPicocli() {
        List<List<String>> lines = List.of(
                List.of(), List.of("build"), List.of("build", "--help"), List.of("build", "-h", "ctx"),
                List.of("build", "-V"), List.of("--version"), List.of("help", "build"), List.of("images"),
                List.of("ctx", "build", "-t", "a"), List.of("--no-cache", "build", "-t", "a", "ctx"),
                List.of("build", "-t"), List.of("build", "ctx", "-t"), List.of("build", "-t", "--no-cache", "ctx"),
                List.of("build", "-tapp", "ctx"), List.of("build", "-t=app", "ctx"), List.of("build", "-qd", "ctx"),
                List.of("build", "-t", "a", "ctx", "extra"), List.of("build", "-t", "a", "--", "ctx"),
                List.of("build", "@args"), List.of("build", "-t", "@tag", "ctx"),
                List.of("build", "--no-cache=true", "-t", "a", "ctx"), List.of("build", "--tag=", "ctx"),
                List.of("build", "--platform", "linux/amd64,,linux/arm64", "-t", "a", "ctx"),
                List.of("build", "--platform", "linux/amd64,", "-t", "a", "ctx"),
                List.of("build", "--platform", "not a platform", "-t", "a", "ctx"),
                List.of("build", "--build-arg", "A", "-t", "a", "ctx"),
                List.of("build", "--build-arg", "=v", "-t", "a", "ctx"),
                List.of("build", "--max-pulls", "x", "-t", "a", "ctx"),
                List.of("build", "--max-pulls", "0", "-t", "a", "ctx"),
                List.of("build", "--max-pulls", "-1", "-t", "a", "ctx"),
                List.of("build", "--max-pulls", "9999999999", "-t", "a", "ctx"),
                List.of("build", "--bogus", "-t", "a", "ctx"), List.of("build", "-t", "\"a\"", "ctx"),
                List.of("build", "-t", "'a'", "ctx"), List.of("build", "--insecure-registry", "a,", "-t", "a", "ctx"),
                List.of("build", "-t", "a", "--image-list", "nul\0byte", "ctx"));
        for (List<String> line : lines) {
            assertThat(quick(ENVIRONMENT, line.toArray(String[]::new))).as("%s", line).isEmpty();
        }
    }

    @Test
    void aUsageErrorFoundWhileRunningGetsPicocliTreatment() {
        Cli.Result result = Cli.in(dir).run("build", "ctx");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("sealer: build needs -t NAME. See 'sealer build --help'.\n");
    }

    @Test
    void aFailureIsOneLineWithExitStatusOne() throws Exception {
        Files.createDirectories(dir.resolve("ctx"));
        Cli.Result result = Cli.in(dir).run("--root", dir.resolve("store").toString(), "build", "-t", "a:1", "ctx");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.errLines()).last().asString().startsWith("sealer: ").contains("Kubefile");
        assertThat(result.err()).doesNotContain("\tat ");
    }

    private Optional<BuildCommand> quick(Map<String, String> environment, String... args) {
        Terminal terminal = terminal(environment);
        return QuickBuildLine.parse(new SealerCommand(terminal), new Defaults(terminal), args);
    }

    private BuildCommand picocli(Map<String, String> environment, String... args) {
        CommandLine.ParseResult result = new SealerCli(terminal(environment)).commandLine().parseArgs(args);
        return (BuildCommand) result.subcommand().commandSpec().userObject();
    }

    private Terminal terminal(Map<String, String> environment) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new Terminal(sink, sink, new ByteArrayInputStream(new byte[0]), environment, dir, false);
    }

    /** Every field picocli sets for a build, global options included. */
    private static String describe(BuildCommand build) {
        SealerCommand sealer = build.sealer;
        BuildInputs inputs = build.inputs;
        return Arrays.asList(sealer.root, sealer.dockerConfig, sealer.debug, sealer.quiet, build.tag, build.mode,
                build.noCache, build.noImageCache, build.mirrors, build.mirrorFallback, build.imageSources,
                build.maxPulls, inputs.context, inputs.kubefile, inputs.platforms, inputs.buildArgs,
                inputs.imageLists, inputs.ignoredImageLists, build.registry.insecureRegistries).toString();
    }

    private static Set<String> names(List<Set<String>> options) {
        return options.stream().flatMap(Set::stream).collect(Collectors.toSet());
    }
}
