package io.sealer.core.internal.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.sealer.api.HostException;
import io.sealer.api.HostUnreachableException;
import io.sealer.api.PluginException;
import io.sealer.api.StepFailedException;
import io.sealer.api.cluster.ApplyResult;
import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.spi.RemoteCommand;
import io.sealer.core.internal.apply.state.Journal;
import io.sealer.core.internal.plan.Capture;
import io.sealer.core.internal.plan.Facts;
import io.sealer.core.internal.plan.InstallPlan;
import io.sealer.core.internal.plan.Step;
import io.sealer.core.internal.plan.StepAction;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PlanExecutorStepsTest extends ExecutorFixture {
    private static final String A = "10.0.0.1";
    private static final String B = "10.0.0.2";
    private static final String PASSWORD = "s3cret-Passw0rd";

    private static Step init() {
        return capture("init", A, "kubeadm init --upload-certs", Capture.KUBEADM_JOIN);
    }

    @Test
    void kubeadmJoinValuesAreCapturedFromRealOutputAndFillLaterSteps() {
        InstallPlan plan = plan(init(), exec("join", B, "kubeadm join apiserver:6443 --token @@token@@"
                + " --discovery-token-ca-cert-hash @@ca-hash@@ --control-plane --certificate-key @@cert-key@@",
                id("init", A)));
        hosts.handler((host, command) -> command.command().startsWith("kubeadm init")
                ? new FakeHosts.Reply(0, KubeadmOutput.INIT, List.of()) : FakeHosts.Reply.ok());
        Journal journal = journal(plan);

        executor(journal, 4).execute(plan);

        assertThat(hosts.texts()).contains("kubeadm join apiserver:6443 --token " + KubeadmOutput.TOKEN
                + " --discovery-token-ca-cert-hash " + KubeadmOutput.CA_HASH + " --control-plane --certificate-key "
                + KubeadmOutput.CERT_KEY);
        assertThat(journal.facts().values()).containsEntry(Facts.TOKEN, KubeadmOutput.TOKEN)
                .containsEntry(Facts.CA_HASH, KubeadmOutput.CA_HASH).containsEntry(Facts.CERT_KEY,
                        KubeadmOutput.CERT_KEY);
        // the output was shown, without the values kubeadm printed before anyone knew them as secrets
        String shown = events.text();
        assertThat(shown).contains("Your Kubernetes control-plane has initialized successfully!", KubeadmOutput.CA_HASH)
                .doesNotContain(KubeadmOutput.TOKEN, KubeadmOutput.CERT_KEY);
    }

    @Test
    void outputWithoutAJoinCommandFailsTheStepQuotingItsLastLines() {
        InstallPlan plan = plan(init());
        hosts.handler((host, command) -> FakeHosts.Reply.ok("[init] Using Kubernetes version: v1.22.15",
                "error execution phase wait-control-plane: couldn't initialize a Kubernetes cluster"));

        StepFailedException failure = catchThrowableOfType(() -> executor(journal(plan), 4).execute(plan),
                StepFailedException.class);

        assertThat(failure.step()).isEqualTo(id("init", A));
        assertThat(failure.getMessage()).contains("join token (--token)", "couldn't initialize a Kubernetes cluster");
        assertThat(failure.lastLines()).hasSize(2);
    }

    @Test
    void aJoinCommandWithoutTheCaHashFailsTheStep() {
        InstallPlan plan = plan(init());
        hosts.handler((host, command) -> FakeHosts.Reply.ok("kubeadm join apiserver:6443 --token "
                + KubeadmOutput.TOKEN));
        Journal journal = journal(plan);

        StepFailedException failure = catchThrowableOfType(() -> executor(journal, 4).execute(plan),
                StepFailedException.class);

        assertThat(failure.getMessage()).contains("CA certificate hash").doesNotContain(KubeadmOutput.TOKEN);
        assertThat(journal.done()).isEmpty();
    }

    @Test
    void theHostnameIsTheFirstLineOfStandardOutputLowerCased() {
        InstallPlan plan = plan(capture("name", A, "uname -n", Capture.HOSTNAME),
                exec("label", A, "kubectl label node @@hostname:10.0.0.1@@ ssd=true", id("name", A)));
        hosts.handler((host, command) -> command.command().equals("uname -n")
                ? new FakeHosts.Reply(0, List.of("", "  Node-A.Example  ", "other"),
                        List.of("sudo: unable to resolve host node-a"))
                : FakeHosts.Reply.ok());
        Journal journal = journal(plan);

        executor(journal, 4).execute(plan);

        assertThat(hosts.texts()).contains("kubectl label node node-a.example ssd=true");
        assertThat(journal.facts().get(Facts.hostname(A))).contains("node-a.example");
    }

    @Test
    void sendFileWritesTheRenderedContentWholeWithItsModeAndShowsNone() throws Exception {
        Path remote = dir.resolve("remote");
        Path joinFile = remote.resolve("etc/kubernetes/join.yaml");
        Path existing = remote.resolve("etc/existing.conf");
        Files.createDirectories(existing.getParent());
        Files.writeString(existing, "old content that is longer than the new one\n");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxrwxrwx"));
        String content = "token: @@token@@\nsecond line: it's \"quoted\" $HOME `x` \\ ✓\n";
        InstallPlan plan = plan(init(),
                step("write-join", A, new StepAction.SendFile(content, joinFile.toString(), "0640"), id("init", A)),
                step("write-existing", A, new StepAction.SendFile("new\n", existing.toString(), "0600"),
                        id("write-join", A)));
        hosts.handler((host, command) -> command.command().startsWith("kubeadm init")
                ? new FakeHosts.Reply(0, KubeadmOutput.INIT, List.of()) : bash(command));

        executor(journal(plan), 4).execute(plan);

        String rendered = content.replace("@@token@@", KubeadmOutput.TOKEN);
        assertThat(Files.readString(joinFile)).isEqualTo(rendered);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(joinFile))).isEqualTo("rw-r-----");
        assertThat(Files.readString(existing)).isEqualTo("new\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.walk(remote)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".sealer-write"));
        }
        String payload = Base64.getEncoder().encodeToString(rendered.getBytes(StandardCharsets.UTF_8));
        RemoteCommand sent = hosts.calls.stream().filter(c -> c.text().contains(joinFile.toString())).findFirst()
                .orElseThrow().command();
        assertThat(sent.command()).contains(payload).doesNotContain(KubeadmOutput.TOKEN);
        assertThat(sent.redact(sent.command())).doesNotContain(payload);
        assertThat(events.text()).doesNotContain(payload, "second line", KubeadmOutput.TOKEN);
    }

    @Test
    void sendTreeGoesToTheRenderedDirectory() {
        InstallPlan plan = plan(capture("name", A, "uname -n", Capture.HOSTNAME),
                step("send", A, new StepAction.SendTree(Path.of("/local/rootfs"), "/var/lib/sealer/@@hostname:"
                        + A + "@@", "sha256:abc"), id("name", A)));
        hosts.handler((host, command) -> FakeHosts.Reply.ok("master0"));

        executor(journal(plan), 4).execute(plan);

        assertThat(hosts.texts()).contains("send /local/rootfs /var/lib/sealer/master0 sha256:abc");
    }

    @Test
    void hookStepsRunTheirPluginWithTheFactsKnownSoFar() {
        PhaseHooks mock = mock(PhaseHooks.class);
        hooks = mock;
        Step hook = step("hook", A, new StepAction.Hook("PostInstall", "my-shell", "SHELL", List.of(A)));
        InstallPlan plan = plan(hook);

        executor(journal(plan), 4).execute(plan);

        verify(mock).run(eq(hook), eq(new StepAction.Hook("PostInstall", "my-shell", "SHELL", List.of(A))), any(Facts.class),
                any(Progress.class));
    }

    @Test
    void aFailingPluginFailsItsStepWithThePluginsMessage() {
        PhaseHooks mock = mock(PhaseHooks.class);
        PluginException cause = new PluginException("my-shell", "exited 1 on " + A, null);
        doThrow(cause).when(mock).run(any(), any(), any(), any());
        hooks = mock;
        InstallPlan plan = plan(step("hook", A, new StepAction.Hook("PostInstall", "my-shell", "SHELL", List.of(A))));

        StepFailedException failure = catchThrowableOfType(() -> executor(journal(plan), 4).execute(plan),
                StepFailedException.class);

        assertThat(failure.getMessage()).contains(id("hook", A), "my-shell", "exited 1");
        assertThat(failure.getCause()).isSameAs(cause);
    }

    @Test
    void anUnreachableHostIsTriedOnceMore() {
        InstallPlan plan = plan(exec("one", A, "one"));
        hosts.unreachable(A, 1);

        ApplyResult result = executor(journal(plan), 4).execute(plan);

        assertThat(result.stepsRun()).isEqualTo(1);
        assertThat(hosts.sessionCalls.get()).isEqualTo(2);
        assertThat(events.of(ProgressEvent.Warning.class)).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("could not be reached", "connection refused"));
    }

    @Test
    void aHostUnreachableTwiceFailsTheStep() {
        InstallPlan plan = plan(exec("one", A, "one"));
        hosts.unreachable(A, 5);

        StepFailedException failure = catchThrowableOfType(() -> executor(journal(plan), 4).execute(plan),
                StepFailedException.class);

        assertThat(hosts.sessionCalls.get()).isEqualTo(2);
        assertThat(hosts.calls).isEmpty();
        assertThat(failure.getMessage()).contains("could not be reached (tried 2 times)");
        assertThat(failure.exitStatus()).isEmpty();
        assertThat(failure.getCause()).isInstanceOf(HostUnreachableException.class);
    }

    @Test
    void aCommandThatCouldNotStartIsTriedOnceMore() {
        InstallPlan plan = plan(exec("one", A, "one"));
        AtomicInteger attempts = new AtomicInteger();
        hosts.handler((host, command) -> {
            if (attempts.incrementAndGet() == 1) {
                throw new HostUnreachableException(host, "no channel could be opened", null);
            }
            return FakeHosts.Reply.ok();
        });

        executor(journal(plan), 4).execute(plan);

        assertThat(hosts.texts()).containsExactly("one", "one");
    }

    @Test
    void aCommandWhoseConnectionDroppedIsNeverRunAgain() {
        InstallPlan plan = plan(exec("one", A, "one"));
        HostException dropped = new HostException(A, "the SSH connection dropped while `one` was running", null);
        hosts.handler((host, command) -> {
            throw dropped;
        });

        StepFailedException failure = catchThrowableOfType(() -> executor(journal(plan), 4).execute(plan),
                StepFailedException.class);

        assertThat(hosts.texts()).containsExactly("one");
        assertThat(failure.getCause()).isSameAs(dropped);
        assertThat(failure.getMessage()).contains("connection dropped", id("one", A));
    }

    @Test
    void secretsNeverReachEventsOrExceptions() {
        Map<String, String> env = Map.of("REGISTRY_PASSWORD", PASSWORD);
        InstallPlan plan = plan(init(),
                new Step(id("join", B), PHASE, B, "join with password " + PASSWORD, new StepAction.Exec(
                        "kubeadm join apiserver:6443 --token @@token@@ --discovery-token-ca-cert-hash @@ca-hash@@"
                                + " --control-plane --certificate-key @@cert-key@@", env, Set.of(PASSWORD),
                        Optional.empty()), List.of(id("init", A))),
                new Step(id("fail", B), PHASE, B, "fail", new StepAction.Exec("echo $REGISTRY_PASSWORD; false", env,
                        Set.of(PASSWORD), Optional.empty()), List.of(id("join", B))));
        hosts.handler((host, command) -> {
            if (command.command().startsWith("kubeadm init")) {
                return new FakeHosts.Reply(0, KubeadmOutput.INIT, List.of());
            }
            if (command.command().startsWith("kubeadm join")) {
                return FakeHosts.Reply.ok("joining with " + command.command());
            }
            return new FakeHosts.Reply(1, List.of("token " + KubeadmOutput.TOKEN, "password " + PASSWORD,
                    "key " + KubeadmOutput.CERT_KEY), List.of("stderr " + PASSWORD));
        });

        StepFailedException failure = catchThrowableOfType(() -> executor(journal(plan), 4).execute(plan),
                StepFailedException.class);

        assertThat(failure.step()).isEqualTo(id("fail", B));
        assertThat(hosts.texts()).anyMatch(t -> t.contains(KubeadmOutput.TOKEN) && t.contains(KubeadmOutput.CERT_KEY));
        assertThat(hosts.calls).anyMatch(c -> PASSWORD.equals(c.command().env().get("REGISTRY_PASSWORD")));
        String everything = events.text() + "\n" + failure.getMessage() + "\n" + failure.lastLines() + "\n"
                + failure;
        assertThat(everything).contains("password ***", "joining with kubeadm join")
                .doesNotContain(KubeadmOutput.TOKEN, KubeadmOutput.CERT_KEY, PASSWORD);
    }

    /** Runs a remote script with the local bash, the script on standard input as the SSH connector sends it. */
    private static FakeHosts.Reply bash(RemoteCommand command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-s").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(command.command().getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("bash did not finish");
        }
        return new FakeHosts.Reply(process.exitValue(), output.lines().toList(), List.of());
    }
}
