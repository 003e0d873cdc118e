package io.sealer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealerCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        SealerCli cli = new SealerCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("SEALER_ROOT", dir.resolve("store").toString()),
                dir);
        return cli.run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void versionPrintsTheProjectVersion() {
        assertThat(run("version")).isZero();
        assertThat(out()).startsWith("sealer-java ").doesNotContain("unknown").doesNotContain("${");
    }

    @Test
    void aRunBuildsTheCommandItNamesOnlyAndEveryCommandOtherwise() {
        SealerCli cli = new SealerCli(System.out, System.err, Map.of(), dir);
        assertThat(cli.commandLine("--root", "images", "-d", "build", "--help").getSubcommands().keySet())
                .as("--root takes a value").containsExactly("build");
        assertThat(cli.commandLine("--root=x", "-q", "images").getSubcommands().keySet()).containsExactly("images");
        assertThat(cli.commandLine("--help", "build").getSubcommands()).as("the root's help lists every command")
                .hasSameSizeAs(SealerCommand.SUBCOMMANDS);
        assertThat(cli.commandLine("help", "build").getSubcommands()).hasSameSizeAs(SealerCommand.SUBCOMMANDS);
        assertThat(cli.commandLine("completion").getSubcommands()).hasSameSizeAs(SealerCommand.SUBCOMMANDS);
        assertThat(cli.commandLine("frobnicate").getSubcommands()).hasSameSizeAs(SealerCommand.SUBCOMMANDS);
        assertThat(cli.commandLine().getSubcommands().keySet()).containsExactlyElementsOf(
                SealerCommand.SUBCOMMANDS.keySet());
        assertThat(cli.commandLine("exec", "ls", "-l").getSubcommands().get("exec").isStopAtPositional()).isTrue();
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(2);
        // one line naming the command, and a hint to the help instead of the whole usage
        assertThat(err()).isEqualTo("sealer: unknown command 'frobnicate'. See 'sealer --help'." + System.lineSeparator());
    }

    @Test
    void validateAcceptsAGoodKubefileAndClusterfile() throws Exception {
        Files.writeString(dir.resolve("Kubefile"), "FROM scratch\nCOPY imageList manifests\nCMD kubectl get nodes\n");
        Files.writeString(dir.resolve("imageList"), "nginx:1.25\n");
        Files.writeString(dir.resolve("Clusterfile"), """
                apiVersion: sealer.io/v2
                kind: Cluster
                metadata:
                  name: demo
                spec:
                  image: kubernetes:v1.19.8
                  ssh:
                    passwd: "000000"
                  hosts:
                  - ips: [192.168.0.2]
                    roles: [master]
                """);
        assertThat(run("validate", "Kubefile", "Clusterfile")).as(err()).isZero();
        assertThat(out()).isEmpty();
    }

    @Test
    void validateReportsFileAndLineOfEachProblemAndExitsOne() throws Exception {
        Files.writeString(dir.resolve("Kubefile"), "FROM scratch\nCOPY onlysrc\n");
        Files.writeString(dir.resolve("Kubefile2"), "FROM scratch\n\nBOGUS x\n");
        assertThat(run("validate", "Kubefile", "Kubefile2")).isEqualTo(1);
        assertThat(out()).contains("Kubefile:2: ").contains("Kubefile2:3: ");
    }

    @Test
    void validateNamesTheFieldOfABadClusterfile() throws Exception {
        Files.writeString(dir.resolve("cluster.yaml"), """
                kind: Cluster
                metadata:
                  name: demo
                spec:
                  image: kubernetes:v1.19.8
                  hosts:
                  - ips: [300.1.1.1]
                    roles: [master]
                """);
        assertThat(run("validate", "cluster.yaml")).isEqualTo(1);
        assertThat(out()).startsWith("cluster.yaml:7: ").contains("documents[0].spec.hosts[0].ips[0]")
                .contains("\"300.1.1.1\" is not an IP address");
    }

    @Test
    void validateJsonPrintsTheParsedModel() throws Exception {
        Files.writeString(dir.resolve("Kubefile"), "FROM scratch\nCOPY etc .\n");
        assertThat(run("validate", "--json", "Kubefile")).isEqualTo(1);
        assertThat(out()).contains("Kubefile:2: COPY source \"etc\" not found in build context");
        out.reset();
        assertThat(run("validate", "--json", "--syntax-only", "Kubefile")).isZero();
        assertThat(out()).contains("\"type\" : \"Kubefile\"").contains("\"instruction\" : \"COPY\"");
    }

    @Test
    void missingFileIsAProblem() {
        assertThat(run("validate", "nope")).isEqualTo(1);
        assertThat(out()).contains("nope: no such file");
    }

    @Test
    void buildImagesInspectSaveRmiLoadRoundTrip() throws Exception {
        Path ctx = Files.createDirectories(dir.resolve("app"));
        Files.writeString(ctx.resolve("Kubefile"), "FROM scratch\nCOPY manifests manifests\nCMD kubectl apply -f manifests\n");
        Files.createDirectories(ctx.resolve("manifests"));
        Files.writeString(ctx.resolve("manifests/pod.yaml"), "kind: Pod\nspec:\n  containers:\n  - image: nginx:1.25\n");

        // unit tests reach no registry: the discovered image is ignored, so nothing is pulled
        Files.writeString(dir.resolve("ignored.txt"), "nginx:1.25\n");
        assertThat(run("build", "-t", "app:1", "--platform", "linux/amd64,linux/arm64",
                "--ignored-image-list", "ignored.txt", "app")).as(err()).isZero();
        assertThat(out()).contains("built app:1 (linux/amd64)").contains("built app:1 (linux/arm64)");
        out.reset();
        assertThat(run("images")).isZero();
        assertThat(out()).contains("NAME").contains("app:1").contains("linux/arm64");
        out.reset();
        assertThat(run("inspect", "-o", "json", "--platform", "linux/arm64", "app:1")).as(err()).isZero();
        assertThat(out()).contains("\"type\" : \"COPY\"").contains("\"value\" : \"manifests manifests\"")
                .contains("\"architecture\" : \"arm64\"").doesNotContain("amd64").doesNotContain("nginx");
        out.reset();
        assertThat(run("save", "-o", "app.tar", "app:1")).isZero();
        out.reset();
        assertThat(run("rmi", "app:1")).isZero();
        assertThat(out()).startsWith("untagged app:1").contains("removed image sha256:")
                .containsPattern("reclaimed [0-9.]+ (B|KiB) in [1-9] layer\\(s\\)");
        out.reset();
        assertThat(run("prune")).isZero();
        assertThat(out()).isEqualTo("nothing to reclaim\n");
        out.reset();
        assertThat(run("images")).isZero();
        assertThat(out()).doesNotContain("app:1");
        assertThat(run("load", "-i", "app.tar")).isZero();
        assertThat(out()).contains("loaded app:1 (linux/amd64)");
    }

    @Test
    void buildErrorsNameTheKubefileLineAndExitOne() throws Exception {
        Path ctx = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(ctx.resolve("Kubefile"), "FROM scratch\nCOPY ../outside x\n");
        assertThat(run("build", "-t", "bad:1", "bad")).isEqualTo(1);
        assertThat(err()).contains("Kubefile:2: ").contains("leaves the build context");
        assertThat(run("build", "bad")).isEqualTo(2);
        assertThat(err()).contains("build needs -t NAME");
    }

    @Test
    void unsupportedModeIsAClearError() throws Exception {
        Path ctx = Files.createDirectories(dir.resolve("m"));
        Files.writeString(ctx.resolve("Kubefile"), "FROM scratch\n");
        assertThat(run("build", "-t", "m:1", "-m", "cloud", "m")).isEqualTo(1);
        assertThat(err()).contains("\"cloud\" is not supported");
    }

    @Test
    void validatePrintsWarningsWithTheirLineOnStandardError() throws Exception {
        Files.writeString(dir.resolve("Kubefile"), "FROM scratch\nRUN echo a \\\n\n  && echo b\n");
        assertThat(run("validate", "Kubefile")).as(err()).isZero();
        assertThat(err()).startsWith("warning: ").contains("Kubefile:3: empty line");
    }
}
