package io.sealer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.Host;
import io.sealer.core.SealerClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sealer run}'s flags and the Clusterfile it makes of them, read back by the real Clusterfile parser. */
class RunCommandTest {
    @TempDir
    Path dir;

    /** The run command with these arguments parsed, as in a program with {@code environment}. */
    private RunCommand parse(Map<String, String> environment, String... args) {
        CommandLine commandLine = Cli.commandLine(dir, environment);
        String[] all = new String[args.length + 1];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        commandLine.parseArgs(all);
        return commandLine.getSubcommands().get("run").getCommand();
    }

    /** The Clusterfile the flags make, through the SDK's parser. */
    private Clusterfile clusterfile(RunCommand run) {
        try (SealerClient client = SealerClient.builder().storeRoot(dir.resolve("store")).build()) {
            return client.clusters().parse(RunCommand.SOURCE, run.clusterfile().yaml());
        }
    }

    @Test
    void theClusterfileHasTheHostsRolesSshEnvAndName() throws Exception {
        Files.writeString(dir.resolve("id_ed25519"), "key");
        RunCommand run = parse(Map.of(), "kubernetes:v1.19.8", "-m", "192.168.0.2,192.168.0.3", "--nodes",
                "192.168.0.4-6", "-n", "192.168.0.9", "-u", "admin", "-p", "000000", "--pk", "id_ed25519",
                "--pk-passwd", "0123", "--port", "2222", "-e", "PodCIDR=100.64.0.0/10", "--env", "key2=value2;value3",
                "--cluster-name", "prod-1", "--cmd-args", "Mode=ha");
        Clusterfile clusterfile = clusterfile(run);
        assertThat(clusterfile.warnings()).isEmpty();
        Cluster cluster = clusterfile.cluster();
        assertThat(cluster.name()).isEqualTo("prod-1");
        assertThat(cluster.image()).isEqualTo("kubernetes:v1.19.8");
        assertThat(cluster.hosts()).extracting(Host::ips).containsExactly(List.of("192.168.0.2", "192.168.0.3"),
                List.of("192.168.0.4", "192.168.0.5", "192.168.0.6", "192.168.0.9"));
        assertThat(cluster.hosts()).extracting(Host::roles).containsExactly(List.of("master"), List.of("node"));
        assertThat(cluster.master0()).contains("192.168.0.2");
        assertThat(cluster.ssh().user()).isEqualTo("admin");
        assertThat(cluster.ssh().password()).isEqualTo("000000");
        assertThat(cluster.ssh().privateKey()).isEqualTo(dir.resolve("id_ed25519").toString());
        assertThat(cluster.ssh().privateKeyPassword()).isEqualTo("0123");
        assertThat(cluster.ssh().port()).isEqualTo(2222);
        assertThat(cluster.hosts().get(1).ssh().password()).isEqualTo("000000");
        assertThat(cluster.env()).containsEntry("PodCIDR", "100.64.0.0/10").containsEntry("key2", "value2;value3");
        assertThat(cluster.cmdArgs()).containsExactly("Mode=ha");
    }

    @Test
    void defaultsAreSealersAndAwkwardPasswordsRoundTrip() {
        for (String password : List.of("a\"b: 'c' #d \\ e", "yes", "0x1F", "~", "- x", "{a: b}", "ünï cødé\ttab",
                " padded ", "null", "*alias", "&anchor", "%TAG", "@x", "`x`", "line1\nline2", "")) {
            Cluster cluster = clusterfile(parse(Map.of(), "k8s:1", "-m", "10.0.0.1", "-p", password)).cluster();
            assertThat(cluster.ssh().password()).as(password).isEqualTo(password.isEmpty() ? null : password);
            assertThat(cluster.name()).isEqualTo("my-cluster");
            assertThat(cluster.ssh().effectiveUser()).isEqualTo("root");
            assertThat(cluster.ssh().effectivePort()).isEqualTo(22);
            assertThat(cluster.hosts()).singleElement().satisfies(h -> assertThat(h.roles()).containsExactly("master"));
        }
    }

    @Test
    void thePasswordMayComeFromTheEnvironmentAndTheFlagWins() {
        Map<String, String> environment = Map.of(RunCommand.PASSWORD_ENV, "000000");
        assertThat(clusterfile(parse(environment, "k8s:1", "-m", "10.0.0.1")).cluster().ssh().password())
                .isEqualTo("000000");
        assertThat(clusterfile(parse(environment, "k8s:1", "-m", "10.0.0.1", "--passwd", "other")).cluster().ssh()
                .password()).isEqualTo("other");
        assertThat(clusterfile(parse(Map.of(), "k8s:1", "-m", "10.0.0.1")).cluster().ssh().password()).isNull();
    }

    @Test
    void theClusterfileTextNeverShowsUpInTheRecordsToString() {
        RunClusterfile flags = parse(Map.of(), "k8s:1", "-m", "10.0.0.1", "-p", "s3cret!", "--pk-passwd", "phr4se")
                .clusterfile();
        assertThat(flags.yaml()).contains("s3cret!");
        assertThat(flags.toString()).doesNotContain("s3cret!").doesNotContain("phr4se").contains("10.0.0.1");
    }

    @Test
    void badFlagsAreUsageErrorsNamingTheBadToken() {
        Cli cli = Cli.in(dir).env(Map.of("SEALER_ROOT", dir.resolve("store").toString()));
        record Case(List<String> args, String message) {
        }
        for (Case c : List.of(
                new Case(List.of("run", "k8s:1", "-m", "192.168.0.300"),
                        "sealer: -m/--masters: \"192.168.0.300\" is not an IP address."),
                new Case(List.of("run", "k8s:1", "-m", "10.0.0.1", "-n", "10.0.0.5-10.0.0.2"),
                        "sealer: -n/--nodes: range \"10.0.0.5-10.0.0.2\" ends before it starts."),
                new Case(List.of("run", "k8s:1", "-m", "10.0.0.0-10.0.255.255"),
                        "sealer: -m/--masters: range \"10.0.0.0-10.0.255.255\" has more than 4096 addresses."),
                new Case(List.of("run", "k8s:1", "-m", "10.0.0.1", "-n", "10.0.0.1"),
                        "sealer: 10.0.0.1 is given both as a master (-m) and as a node (-n)."),
                new Case(List.of("run", "k8s:1", "-n", "10.0.0.1"), "sealer: run needs -m IPS, the masters."),
                new Case(List.of("run", "-m", "10.0.0.1"), "sealer: missing IMAGE for 'run'."),
                new Case(List.of("run", "k8s:1", "-m", "10.0.0.1", "-e", "novalue"),
                        "sealer: -e/--env expects KEY=VALUE, got \"novalue\"."),
                new Case(List.of("run", "k8s:1", "-m", "10.0.0.1", "--port", "70000"),
                        "sealer: --port expects a port number (1-65535), got 70000."),
                new Case(List.of("run", "k8s:1", "-m", "10.0.0.1", "--pk", "missing_key"),
                        "sealer: --pk missing_key: no such file."),
                new Case(List.of("run", "k8s:1", "-m", "10.0.0.1", "--cluster-name", "../x"),
                        "sealer: --cluster-name \"../x\" is not a valid cluster name"),
                new Case(List.of("run", "k8s:1", "-m", "10.0.0.1", "-o", "json"),
                        "sealer: -o json prints the plan of a --dry-run; add --dry-run."),
                new Case(List.of("run", "k8s:1", "-m", "10.0.0.1", "--step-timeout", "5x"),
                        "'5x' is not a duration (examples: 90s, 30m, 1h30m)"),
                new Case(List.of("run", "k8s:1", "-m", "10.0.0.1", "--parallelism", "0"),
                        "sealer: --parallelism expects a positive number, got 0."))) {
            Cli.Result result = cli.run(c.args().toArray(String[]::new));
            assertThat(result.code()).as(c.args() + ": " + result.err()).isEqualTo(2);
            assertThat(result.errLines()).as(c.args().toString()).hasSize(1);
            assertThat(result.err()).as(c.args().toString()).contains(c.message()).contains("See 'sealer run --help'.");
            assertThat(result.out()).isEmpty();
        }
    }

    @Test
    void aPasswordOnTheCommandLineIsNeverPrintedButWarnedAbout() {
        Cli.Result result = Cli.in(dir).env(Map.of("SEALER_ROOT", dir.resolve("store").toString()))
                .run("run", "k8s:1", "-m", "10.0.0.1", "-p", "s3cret!", "--dry-run", "-d");
        assertThat(result.err()).contains("warning: a password given with -p is visible to other users")
                .contains("SEALER_SSH_PASSWORD").doesNotContain("s3cret!");
        assertThat(result.out()).doesNotContain("s3cret!");
    }
}
