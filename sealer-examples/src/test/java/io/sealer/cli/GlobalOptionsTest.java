package io.sealer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Global options before or after the command, failures, --debug and --quiet. */
class GlobalOptionsTest {
    @TempDir
    Path dir;

    private Cli cli;

    @BeforeEach
    void kubefile() throws Exception {
        cli = Cli.in(dir).env(Map.of("SEALER_ROOT", dir.resolve("env-store").toString()));
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/Kubefile"), "FROM scratch\nCOPY x x\n");
        Files.writeString(dir.resolve("app/x"), "x\n");
    }

    @Test
    void rootWorksBeforeAndAfterTheCommand() {
        assertThat(cli.run("--root", "other", "build", "-t", "app:1", "app").code()).isZero();
        assertThat(Files.isDirectory(dir.resolve("other"))).isTrue();
        assertThat(cli.run("--root", "other", "images").out()).contains("app:1");
        assertThat(cli.run("images", "--root", "other").out()).contains("app:1");
        assertThat(cli.run("images", "--root=other").out()).contains("app:1");
        assertThat(cli.run("images").out()).doesNotContain("app:1");
        assertThat(cli.run("build", "-t", "app:2", "app", "--root", "other", "-q").code()).isZero();
        assertThat(cli.run("-q", "--root", "other", "images").out()).contains("app:2");
    }

    @Test
    void withoutRootTheEnvironmentChoosesTheStore() {
        assertThat(cli.run("build", "-t", "app:1", "app").code()).isZero();
        assertThat(Files.isDirectory(dir.resolve("env-store"))).isTrue();
    }

    @Test
    void aFailureIsOneLineWithoutStackTrace() {
        Cli.Result result = cli.run("tag", "nothing:1", "x:1");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("sealer: ").contains("nothing:1").doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void anIoFailureNamesTheFile() {
        Cli.Result result = cli.run("load", "-i", "missing.tar");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("sealer: ").contains("missing.tar");
    }

    @Test
    void debugAddsTheStackTrace() {
        Cli.Result before = cli.run("--debug", "tag", "nothing:1", "x:1");
        Cli.Result after = cli.run("tag", "nothing:1", "x:1", "--debug");
        for (Cli.Result result : new Cli.Result[] {before, after}) {
            assertThat(result.code()).isEqualTo(1);
            assertThat(result.err()).startsWith("sealer: ").contains("ImageNotFoundException").contains("\tat ");
        }
    }

    @Test
    void progressGoesToStandardErrorUnlessQuiet() {
        Cli.Result loud = cli.run("build", "-t", "app:1", "app");
        assertThat(loud.code()).isZero();
        assertThat(loud.out()).startsWith("built app:1 (");
        assertThat(loud.err()).contains("building app:1").contains("COPY x x").contains("-> ");
        Cli.Result quiet = cli.run("build", "-t", "app:2", "--quiet", "app");
        assertThat(quiet.code()).isZero();
        assertThat(quiet.out()).startsWith("built app:2 (");
        assertThat(quiet.err()).isEmpty();
    }

    @Test
    void quietKeepsErrors() {
        Cli.Result result = cli.run("-q", "tag", "nothing:1", "x:1");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).startsWith("sealer: ");
    }

    @Test
    void warningsAreShownUnlessQuiet() throws Exception {
        Files.writeString(dir.resolve("app/Kubefile"), "FROM scratch\nRUN echo a \\\n\n  && echo b\n");
        assertThat(cli.run("validate", "app/Kubefile").err()).startsWith("warning: ");
        assertThat(cli.run("validate", "-q", "app/Kubefile").err()).isEmpty();
    }
}
