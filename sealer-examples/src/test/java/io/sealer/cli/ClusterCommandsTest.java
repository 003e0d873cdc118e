package io.sealer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.StepFailedException;
import io.sealer.api.cluster.ApplyOptions;
import io.sealer.api.event.ProgressListener;
import io.sealer.api.ssh.SshSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/** Flags of join, delete, exec and apply, and their usage errors (nothing here reaches a host). */
class ClusterCommandsTest {
    @TempDir
    Path dir;

    private Cli cli() {
        return Cli.in(dir).env(Map.of("SEALER_ROOT", dir.resolve("store").toString()));
    }

    @SuppressWarnings("unchecked")
    private <T> T parse(String... args) {
        CommandLine commandLine = Cli.commandLine(dir, Map.of());
        commandLine.parseArgs(args);
        return (T) commandLine.getSubcommands().get(args[0]).getCommand();
    }

    @Test
    void deleteWithoutForceOffATerminalRefusesBeforeTouchingAnything() {
        for (String[] args : new String[][] {{"delete", "-a", "-c", "prod"}, {"delete", "-n", "10.0.0.5"},
            {"delete", "--masters", "10.0.0.2", "--nodes", "10.0.0.3-4", "--cluster", "prod"}}) {
            Cli.Result result = cli().run(args);
            assertThat(result.code()).as(result.err()).isEqualTo(2);
            assertThat(result.errLines()).containsExactly("sealer: delete asks for confirmation, but there is no"
                    + " terminal to ask on; add --force to delete without asking. See 'sealer delete --help'.");
            assertThat(result.out()).isEmpty();
        }
    }

    @Test
    void deleteNeedsEitherHostsOrAll() {
        Cli.Result both = cli().run("delete", "-a", "-n", "10.0.0.5", "--force");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).startsWith("sealer: -a deletes the whole cluster; give either -a or the hosts");
        Cli.Result neither = cli().run("delete", "--force");
        assertThat(neither.code()).isEqualTo(2);
        assertThat(neither.err()).startsWith("sealer: delete needs -m IPS or -n IPS (hosts to remove), or -a");
        Cli.Result badIp = cli().run("delete", "-n", "10.0.0.5-x", "--force");
        assertThat(badIp.code()).isEqualTo(2);
        assertThat(badIp.err()).startsWith("sealer: -n/--nodes: range \"10.0.0.5-x\": \"x\" is not an IP address.");
    }

    @Test
    void deleteFlagsParseWithSealersNames() {
        DeleteCommand delete = parse("delete", "-m", "10.0.0.2", "-n", "10.0.0.3,10.0.0.4", "-c", "prod", "--force",
                "--dry-run", "-o", "json");
        assertThat(delete.masters).containsExactly("10.0.0.2");
        assertThat(delete.nodes).containsExactly("10.0.0.3,10.0.0.4");
        assertThat(delete.cluster).isEqualTo("prod");
        assertThat(delete.force).isTrue();
        assertThat(delete.all).isFalse();
        assertThat(delete.plan.dryRun).isTrue();
        assertThat(delete.plan.format).isEqualTo(PlanPrinter.Format.json);
        DeleteCommand all = parse("delete", "--all", "--cluster-name", "x");
        assertThat(all.all).isTrue();
        assertThat(all.cluster).isEqualTo("x");
        assertThat(all.plan.format).isEqualTo(PlanPrinter.Format.text);
    }

    @Test
    void joinNeedsHostsAndTakesSealersFlags() {
        Cli.Result none = cli().run("join", "-c", "prod");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.errLines()).containsExactly(
                "sealer: join needs -m IPS or -n IPS, the hosts to add. See 'sealer join --help'.");
        Cli.Result bad = cli().run("join", "-n", "10.0.0.1,,10.0.0.2");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("sealer: -n/--nodes: \"10.0.0.1,,10.0.0.2\" has an empty item.");
        JoinCommand join = parse("join", "--masters", "10.0.0.2", "--nodes", "10.0.0.7-9", "--cluster-name", "prod");
        assertThat(join.masters).containsExactly("10.0.0.2");
        assertThat(join.nodes).containsExactly("10.0.0.7-9");
        assertThat(join.cluster).isEqualTo("prod");
    }

    @Test
    void execTakesEverythingAfterTheCommandAsTheCommand() {
        ExecCommand exec = parse("exec", "-c", "prod", "-r", "master", "kubectl", "get", "pods", "-A", "-o", "wide");
        assertThat(exec.cluster).isEqualTo("prod");
        assertThat(exec.role).isEqualTo("master");
        assertThat(exec.command).containsExactly("kubectl", "get", "pods", "-A", "-o", "wide");
        ExecCommand dashed = parse("exec", "--", "-x", "ls");
        assertThat(dashed.command).containsExactly("-x", "ls");
        assertThat(dashed.role).isNull();
        Cli.Result missing = cli().run("exec", "-c", "prod");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("missing CMD for 'exec'");
        Cli.Result twoRoles = cli().run("exec", "-r", "master,node", "uptime");
        assertThat(twoRoles.code()).isEqualTo(2);
        assertThat(twoRoles.err()).contains("-r takes one role, got \"master,node\"");
    }

    @Test
    void applyTakesTheClusterfileUnderSealersNamesAndNamesAMissingOne() {
        for (String flag : List.of("-f", "--Clusterfile", "--file")) {
            ApplyCommand apply = parse("apply", flag, "cluster.yaml");
            assertThat(apply.file).isEqualTo(Path.of("cluster.yaml"));
        }
        ApplyCommand byDefault = parse("apply");
        assertThat(byDefault.file).isEqualTo(Path.of("Clusterfile"));
        Cli.Result missing = cli().run("apply", "-f", "nope.yaml", "--dry-run");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.errLines()).hasSize(1);
        assertThat(missing.err()).startsWith("sealer: ").contains("nope.yaml");
    }

    @Test
    void applyFlagsMakeTheOptionsAndTheSshSettings() {
        ApplyCommand apply = parse("apply", "--parallelism", "4", "--step-timeout", "1h30m",
                "--accept-new-host-keys", "--known-hosts", "kh");
        ProgressListener listener = event -> { };
        ApplyOptions options = apply.applyFlags.options(apply, listener);
        assertThat(options.parallelism()).isEqualTo(4);
        assertThat(options.stepTimeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(options.listener()).isSameAs(listener);
        SshSettings ssh = apply.applyFlags.sshSettings(apply);
        assertThat(ssh.acceptNewHostKeys()).isTrue();
        assertThat(ssh.knownHosts()).isEqualTo(dir.resolve("kh"));
        assertThat(ssh.maxParallelHosts()).isEqualTo(4);

        ApplyCommand defaults = parse("apply");
        ApplyOptions defaultOptions = defaults.applyFlags.options(defaults, ProgressListener.NONE);
        assertThat(defaultOptions.parallelism()).isEqualTo(ApplyOptions.DEFAULT_PARALLELISM);
        assertThat(defaultOptions.stepTimeout()).isEqualTo(ApplyOptions.DEFAULT_STEP_TIMEOUT);
        SshSettings strict = defaults.applyFlags.sshSettings(defaults);
        assertThat(strict.acceptNewHostKeys()).isFalse();
        assertThat(strict.knownHosts()).isEqualTo(SshSettings.defaults().knownHosts());
    }

    @Test
    void durationsAreWrittenAsPeopleWriteThem() {
        assertThat(DurationConverter.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(DurationConverter.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationConverter.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse("PT45M")).isEqualTo(Duration.ofMinutes(45));
        for (String bad : List.of("", "30", "m", "5x", "0s", "1.5h", "-1m", "30s1m", "PT", "99999999999999999999h")) {
            assertThatThrownBy(() -> DurationConverter.parse(bad)).as(bad).isInstanceOf(TypeConversionException.class);
        }
        assertThat(DurationConverter.format(Duration.ofMinutes(30))).isEqualTo("30m");
        assertThat(DurationConverter.format(Duration.ofSeconds(5430))).isEqualTo("1h30m30s");
        assertThat(DurationConverter.parse(DurationConverter.format(Duration.ofMillis(1500))))
                .isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void helpShowsTheClusterDefaultsAndThePasswordVariable() {
        String run = cli().run("run", "--help").out().replaceAll("\\s+", " ");
        assertThat(run).contains("(default: my-cluster)").contains("(default: root)").contains("(default: 32)")
                .contains("(default: 30m)").contains("SEALER_SSH_PASSWORD").contains("--accept-new-host-keys")
                .contains("known_hosts)");
        assertThat(cli().run("delete", "--help").out()).contains("--force").contains("--all").contains("--dry-run");
    }

    @Test
    void aFailedStepIsItsHostStepExitStatusAndLastLinesThenHowToResume() {
        StepFailedException failure = new StepFailedException("10.0.0.3", "join-nodes/kubeadm-join@10.0.0.3", 1,
                List.of("[preflight] Running pre-flight checks", "error: connection refused"), "the command failed",
                new IllegalStateException("inner"));
        assertThat(ErrorHandler.describe(failure)).isEqualTo("""
                10.0.0.3: step join-nodes/kubeadm-join@10.0.0.3 failed with exit status 1: the command failed
                  last output:
                    [preflight] Running pre-flight checks
                    error: connection refused
                (run the same command again to resume at this step)""");
    }

    @Test
    void theCompletionScriptKnowsTheClusterCommands() {
        String script = cli().run("completion", "bash").out();
        assertThat(script).contains("run").contains("join").contains("delete").contains("exec")
                .contains("--accept-new-host-keys").contains("--dry-run").contains("--masters");
    }
}
