package io.sealer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Help, usage errors and the exit codes of wrong usage. */
class UsageTest {
    @TempDir
    Path dir;

    private Cli cli() {
        return Cli.in(dir).env(Map.of("SEALER_ROOT", dir.resolve("store").toString()));
    }

    static Stream<String> commands() {
        return Cli.commandLine(Path.of("."), Map.of()).getSubcommands().keySet().stream();
    }

    @Test
    void rootHelpListsEveryCommandAndGlobalOption() {
        Cli.Result result = cli().run("--help");
        assertThat(result.code()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).startsWith("Usage: sealer").contains("--root=DIR").contains("--config=PATH")
                .contains("--debug").contains("--quiet").contains("--version");
        assertThat(oneLine(result.out())).contains("(default: " + dir.resolve("store") + ")");
        commands().forEach(name -> assertThat(result.out()).contains("  " + name + " "));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandHasHelpListingEveryOptionAndArgument(String name) {
        Cli.Result result = cli().run(name, "--help");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Usage: sealer " + name);
        CommandSpec spec = Cli.commandLine(dir, Map.of()).getSubcommands().get(name).getCommandSpec();
        for (OptionSpec option : spec.options()) {
            assertThat(result.out()).contains(option.longestName());
        }
        for (ArgSpec positional : spec.positionalParameters()) {
            assertThat(result.out()).contains(positional.paramLabel());
        }
        assertThat(cli().run(name, "-h").code()).isZero();
    }

    @Test
    void helpShowsDefaults() {
        String help = oneLine(cli().run("build", "--help").out());
        assertThat(help).contains("(default: Kubefile)").contains("(default: lite)").contains("(default: 8)")
                .contains("(default: " + dir.resolve("store") + ")");
        assertThat(oneLine(cli().run("inspect", "--help").out())).contains("yaml, json (default: yaml)");
    }

    /** Help text with its wrapping undone. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }

    @Test
    void helpWinsOverMissingOrExtraArguments() {
        Cli.Result tag = cli().run("tag", "--help", "x");
        assertThat(tag.code()).isZero();
        assertThat(tag.out()).startsWith("Usage: sealer tag");
        assertThat(tag.err()).isEmpty();
        assertThat(cli().run("build", "--help").code()).isZero();
        assertThat(cli().run("help", "build").out()).startsWith("Usage: sealer build");
    }

    @Test
    void unknownOptionIsOneLineWithAHint() {
        Cli.Result result = cli().run("build", "--bogus", "-t", "x:1", ".");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly(
                "sealer: unknown option '--bogus' for 'build'. See 'sealer build --help'.");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void unknownOptionIsNamedEvenWhenArgumentsAreMissing() {
        assertThat(cli().run("push", "--bogus").errLines()).containsExactly(
                "sealer: unknown option '--bogus' for 'push'. See 'sealer push --help'.");
        assertThat(cli().run("--bogus", "images").errLines()).containsExactly(
                "sealer: unknown option '--bogus'. See 'sealer --help'.");
    }

    @Test
    void otherUsageErrorsAreOneLineWithAHint() {
        for (List<String> args : List.<List<String>>of(List.of("push"), List.of("pull", "a", "b"), List.of("tag", "a"),
                List.of("save", "x:1"), List.of("inspect", "-o", "xml", "x:1"), List.of("completion", "tcsh"),
                List.of("images", "extra"), List.of("--root"), List.of(), List.of("rmi", "--platform", "linux/", "a"),
                List.of("build", "-t", "a:1", "--build-arg", "NOVALUE", "."))) {
            Cli.Result result = cli().run(args.toArray(String[]::new));
            assertThat(result.code()).as(args.toString()).isEqualTo(2);
            assertThat(result.errLines()).as(args.toString()).hasSize(1);
            assertThat(result.err()).as(args.toString()).startsWith("sealer: ").containsPattern("See 'sealer( \\w+)? --help'.");
        }
        assertThat(cli().run("imags").err()).contains("did you mean 'images'?");
        assertThat(cli().run("push").err()).contains("missing NAME for 'push'");
    }

    @Test
    void versionOptionPrintsWhatTheVersionCommandPrints() {
        String version = cli().run("version").out();
        assertThat(version).startsWith("sealer-java ");
        assertThat(cli().run("--version").out()).isEqualTo(version);
        assertThat(cli().run("images", "--version").out()).isEqualTo(version);
    }

    @Test
    void completionPrintsTheBashScript() {
        Cli.Result result = cli().run("completion", "bash");
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("sealer").contains("complete -F").contains("build").contains("--platform");
    }

    @Test
    void theCommandTreeIsValidAndEveryCommandIsItsOwnClass() {
        CommandLine commandLine = Cli.commandLine(dir, Map.of());
        assertThat(commandLine.getSubcommands().values().stream()
                .map(c -> c.getCommandSpec().userObject().getClass()).distinct().count())
                .isEqualTo(commandLine.getSubcommands().size());
    }
}
