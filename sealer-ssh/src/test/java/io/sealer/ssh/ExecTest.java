package io.sealer.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.HostException;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.spi.ExecResult;
import io.sealer.api.spi.HostConnector;
import io.sealer.api.spi.HostSession;
import io.sealer.api.spi.RemoteCommand;
import io.sealer.api.image.Platform;
import org.apache.sshd.common.kex.KexProposalOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecTest {
    @TempDir
    Path dir;

    private final KeyPair hostKey = TestKeys.ed25519();
    private TestSshServer server;
    private HostConnector connector;
    private HostSession session;

    @BeforeEach
    void start() throws Exception {
        server = TestSshServer.start(hostKey).password(Hosts.USER, Hosts.PASSWORD);
        Path knownHosts = dir.resolve("known_hosts");
        Hosts.trust(knownHosts, server, hostKey);
        connector = Hosts.connector(Hosts.settings(knownHosts).build());
        session = connector.connect(server.address(), Hosts.password(Hosts.USER, Hosts.PASSWORD));
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        server.close();
    }

    @Test
    void exitStatusAndStreamedLines() {
        Hosts.Events events = new Hosts.Events();
        ExecResult result = session.exec(RemoteCommand.of("echo one; echo two >&2; printf 'three'; exit 3"),
                Progress.to(events));
        assertThat(result.exitStatus()).isEqualTo(3);
        assertThat(result.lastLines()).containsExactlyInAnyOrder("one", "two", "three");
        assertThat(events.lines(ProgressEvent.Stream.STDOUT)).containsExactly("one", "three");
        assertThat(events.lines(ProgressEvent.Stream.STDERR)).containsExactly("two");
        ProgressEvent.Started started = (ProgressEvent.Started) events.events.get(0);
        assertThat(started.operation().kind()).isEqualTo(OperationKind.STEP);
        assertThat(started.operation().subject().host()).contains(server.address());
        assertThat(events.events.get(events.events.size() - 1)).isInstanceOf(ProgressEvent.Finished.class);
    }

    @Test
    void environmentValuesSurviveQuoting() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUOTES", "it's \"quoted\"");
        env.put("SPACES", "  a  b  ");
        env.put("DOLLAR", "$HOME ${PATH} $(id) `id` \\ \\n");
        env.put("NEWLINES", "one\ntwo\n\nthree\n");
        env.put("EMPTY", "");
        env.put("UNICODE", "grüße ☃ ");
        RemoteCommand command = RemoteCommand.of("for v in QUOTES SPACES DOLLAR NEWLINES EMPTY UNICODE; do"
                + " printf '%s=' \"$v\"; printf '%s' \"${!v}\" | base64 -w0; echo; done");
        for (Map.Entry<String, String> e : env.entrySet()) {
            command = command.withEnv(e.getKey(), e.getValue());
        }
        ExecResult result = session.exec(command, Progress.NONE);
        assertThat(result.exitStatus()).isZero();
        for (Map.Entry<String, String> e : env.entrySet()) {
            assertThat(result.lastLines()).contains(e.getKey() + "=" + Base64.getEncoder()
                    .encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void pathGetsTheSystemDirectoriesUnlessTheCommandSetsIt() {
        ExecResult defaults = session.exec(RemoteCommand.of("echo \"$PATH\""), Progress.NONE);
        assertThat(defaults.lastLines().get(0)).endsWith(":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        ExecResult given = session.exec(RemoteCommand.of("echo \"$PATH\"").withEnv("PATH", "/opt/x:/usr/bin:/bin"),
                Progress.NONE);
        assertThat(given.lastLines()).containsExactly("/opt/x:/usr/bin:/bin");
    }

    @Test
    void stdinIsEmptyAndTheScriptNeverOnTheCommandLine() {
        ExecResult result = session.exec(RemoteCommand.of("wc -c; echo \"$SECRET_ENV\" >/dev/null")
                .withEnv("SECRET_ENV", "topsecret-value"), Progress.NONE);
        assertThat(result.lastLines()).containsExactly("0");
        assertThat(server.commands()).isNotEmpty().allSatisfy(c -> {
            assertThat(c).doesNotContain("topsecret-value").doesNotContain("wc -c");
        });
    }

    @Test
    void timeoutKillsTheRemoteProcessGroup() throws Exception {
        Hosts.Events events = new Hosts.Events();
        RemoteCommand command = RemoteCommand.of("(sleep 300; echo never) & echo child=$!; echo main=$BASHPID;"
                + " sleep 301").withTimeout(Duration.ofSeconds(2));
        long started = System.nanoTime();
        assertThatThrownBy(() -> session.exec(command, Progress.to(events)))
                .isInstanceOf(HostException.class)
                .hasMessageContaining("timed out after 2 s")
                .hasMessageContaining("process group was killed");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        List<Long> pids = new ArrayList<>();
        for (String line : events.lines(ProgressEvent.Stream.STDOUT)) {
            pids.add(Long.parseLong(line.substring(line.indexOf('=') + 1)));
        }
        assertThat(pids).hasSize(2);
        for (long pid : pids) {
            awaitGone(pid);
        }
        assertThat(events.events.get(events.events.size() - 1)).isInstanceOf(ProgressEvent.Failed.class);
        assertThat(session.exec(RemoteCommand.of("true"), Progress.NONE).exitStatus()).isZero();
    }

    @Test
    void aDroppedSessionIsReestablishedOnNextUse() throws Exception {
        assertThat(session.exec(RemoteCommand.of("true"), Progress.NONE).succeeded()).isTrue();
        server.dropSessions();
        Thread.sleep(200);
        assertThat(session.exec(RemoteCommand.of("echo again"), Progress.NONE).lastLines()).containsExactly("again");
        assertThat(server.activeSessions()).isEqualTo(1);
    }

    @Test
    void aCommandRunningWhenTheSessionDropsFailsAndIsNotRunAgain() throws Exception {
        Path marks = dir.resolve("runs");
        CountDownLatch running = new CountDownLatch(1);
        Hosts.Events events = new Hosts.Events() {
            @Override
            public void onEvent(ProgressEvent event) {
                super.onEvent(event);
                if (event instanceof ProgressEvent.LogLine line && line.line().equals("running")) {
                    running.countDown();
                }
            }
        };
        CompletableFuture<ExecResult> result = CompletableFuture.supplyAsync(() -> session.exec(
                RemoteCommand.of("echo x >> '" + marks + "'; echo running; sleep 30"), Progress.to(events)));
        assertThat(running.await(20, TimeUnit.SECONDS)).isTrue();
        server.dropSessions();
        assertThatThrownBy(() -> result.get(20, TimeUnit.SECONDS))
                .cause().isInstanceOf(HostException.class)
                .hasMessageContaining("connection dropped")
                .hasMessageContaining("not run again");
        assertThat(session.exec(RemoteCommand.of("echo after"), Progress.NONE).lastLines()).containsExactly("after");
        assertThat(Files.readAllLines(marks)).hasSize(1);
    }

    @Test
    void secretsAreRedactedInEventsAndMessages() {
        Hosts.Events events = new Hosts.Events();
        RemoteCommand command = RemoteCommand.of("echo token=s3cr3t-t0ken; echo \"$TOKEN\" >&2; sleep 5")
                .withEnv("TOKEN", "s3cr3t-t0ken").withSecrets(Set.of("s3cr3t-t0ken"))
                .withTimeout(Duration.ofSeconds(1));
        assertThatThrownBy(() -> session.exec(command, Progress.to(events)))
                .isInstanceOf(HostException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("token=***").doesNotContain("s3cr3t-t0ken"));
        assertThat(events.text()).contains("token=***").doesNotContain("s3cr3t-t0ken");
    }

    @Test
    void commandsRunInParallelOnOneSession() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<ExecResult>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                results.add(pool.submit(() -> session.exec(RemoteCommand.of("sleep 0.3; echo " + n), Progress.NONE)));
            }
            for (int i = 0; i < 12; i++) {
                assertThat(results.get(i).get(60, TimeUnit.SECONDS).lastLines()).containsExactly(String.valueOf(i));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.activeSessions()).isEqualTo(1);
    }

    @Test
    void platformIsDetectedOnce() {
        assertThat(session.platform().kernel()).isEqualTo("Linux");
        assertThat(session.platform().platform()).isEqualTo(new Platform("linux", System.getProperty("os.arch"), ""));
        long probes = server.commands().size();
        session.platform();
        assertThat(server.commands()).hasSize((int) probes);
    }

    @Test
    void connectReusesThePooledSession() {
        HostSession again = connector.connect(server.address(), Hosts.password(Hosts.USER, Hosts.PASSWORD));
        again.exec(RemoteCommand.of("true"), Progress.NONE);
        again.close();
        assertThat(server.activeSessions()).isEqualTo(1);
        assertThat(session.exec(RemoteCommand.of("true"), Progress.NONE).succeeded()).isTrue();
        assertThatThrownBy(() -> again.exec(RemoteCommand.of("true"), Progress.NONE))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aeadCiphersFirstAndCompressionOnlyWhenAsked() throws Exception {
        assertThat(server.negotiated(KexProposalOption.C2SENC)).isEqualTo("aes128-gcm@openssh.com");
        assertThat(server.negotiated(KexProposalOption.S2CENC)).isEqualTo("aes128-gcm@openssh.com");
        assertThat(server.negotiated(KexProposalOption.C2SCOMP)).isEqualTo("none");
        connector.close();
        try (HostConnector compressing = Hosts.connector(Hosts.settings(dir.resolve("known_hosts"))
                .compression(true).build())) {
            HostSession compressed = compressing.connect(server.address(), Hosts.password(Hosts.USER,
                    Hosts.PASSWORD));
            assertThat(compressed.exec(RemoteCommand.of("seq 1 20000 | tail -n 1"), Progress.NONE).lastLines())
                    .containsExactly("20000");
            assertThat(server.negotiated(KexProposalOption.C2SCOMP)).isIn("zlib@openssh.com", "zlib");
        }
    }

    /** Waits until process {@code pid} is gone or a zombie. */
    static void awaitGone(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        for (int i = 0; i < 100; i++) {
            if (!Files.exists(stat)) {
                return;
            }
            try {
                String text = Files.readString(stat);
                if (text.substring(text.lastIndexOf(')') + 2).startsWith("Z")) {
                    return;
                }
            } catch (java.io.IOException gone) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("process " + pid + " still runs");
    }
}
