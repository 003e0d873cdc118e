package io.sealer.it.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.it.support.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sealer-examples/bin/sealer} as users run it, through the three states of its class-data archive (the first
 * run records the classes, the second dumps the archive, later runs map it): standard output holds the results and
 * nothing else in each, whatever the JVM options the launcher adds.
 */
class LauncherIntegrationTest {
    private static final Path MODULE = Path.of("../sealer-examples").toAbsolutePath().normalize();

    @TempDir
    Path work;

    @Test
    void aBuildPrintsOnlyItsResultInEveryStateOfTheArchive() throws IOException {
        Path launcher = copyOfTheLauncher();
        Path context = Files.createDirectories(work.resolve("ctx"));
        Files.writeString(context.resolve("Kubefile"), "FROM scratch\n");

        for (int run = 1; run <= 3; run++) {
            ProcessBuilder builder = new ProcessBuilder(List.of("bash", launcher.toString(), "--root",
                    work.resolve("store").toString(), "build", "-t", "demo:" + run, "--platform", "linux/amd64",
                    context.toString()));
            builder.environment().put("SEALER_NO_REBUILD", "1");
            builder.environment().keySet().removeAll(List.of("SEALER_NO_CDS", "SEALER_FULL_JIT", "SEALER_JAVA_OPTS"));
            Processes.Result result = Processes.run(builder);

            assertThat(result.exitCode()).as("run %d: %s", run, result.stderr()).isZero();
            assertThat(result.stdoutText().lines().toList()).as("run %d's standard output", run)
                    .singleElement().asString()
                    .matches("built demo:" + run + " \\(linux/amd64\\) sha256:[0-9a-f]{64}, 0 container image\\(s\\)");
            assertThat(result.stderr()).as("run %d", run).doesNotContain("warning", "directives");
        }
        assertThat(work.resolve("sealer-examples/target/sealer-build.jsa")).as("the archive the second run dumped")
                .isNotEmptyFile();
    }

    /** The launcher and the jar in a module of their own, so that its archive starts from nothing. */
    private Path copyOfTheLauncher() throws IOException {
        Path bin = Files.createDirectories(work.resolve("sealer-examples/bin"));
        Path target = Files.createDirectories(work.resolve("sealer-examples/target"));
        for (String file : List.of("sealer", "jit-hashing-only.json")) {
            Files.copy(MODULE.resolve("bin").resolve(file), bin.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.copy(MODULE.resolve("target/sealer.jar"), target.resolve("sealer.jar"));
        return bin.resolve("sealer");
    }
}
