package io.sealer.it.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.HostException;
import io.sealer.api.cluster.SshCredentials;
import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.spi.ExecResult;
import io.sealer.api.spi.HostConnector;
import io.sealer.api.spi.HostSession;
import io.sealer.api.spi.RemoteCommand;
import io.sealer.api.spi.TreeTransfer;
import io.sealer.api.ssh.SshSettings;
import io.sealer.it.support.ClientKey;
import io.sealer.it.support.HostBedExtension;
import io.sealer.it.support.SshKeyType;
import io.sealer.it.support.TestHost;
import io.sealer.ssh.MinaHostConnectorProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The SSH connector against real OpenSSH hosts of the test bed. */
class SshConnectorIntegrationTest {
    private static final String ROOT_PASSWORD = "r00t-Secret-9";
    private static final String SUDO_PASSWORD = "sudo-Secret-7";

    @RegisterExtension
    static final HostBedExtension BED = HostBedExtension.withHosts(2).rootPassword(ROOT_PASSWORD)
            .passwordAuthentication(true).sudoUser("deployer", SUDO_PASSWORD).passwordlessSudoUser("ops");

    @TempDir
    Path tmp;

    private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

    private HostConnector connector(SshSettings settings) {
        return new MinaHostConnectorProvider().create(settings);
    }

    private HostConnector connector() {
        return connector(BED.sshSettings().build());
    }

    private Progress progress() {
        return Progress.to(events::add);
    }

    private static String addressOf(TestHost host) {
        return host.address();
    }

    @ParameterizedTest
    @EnumSource(SshKeyType.class)
    void keysOfEachTypeLogIn(SshKeyType type) {
        ClientKey key = BED.clientKey(type);
        try (HostConnector connector = connector();
                HostSession session = connector.connect(addressOf(BED.host(0)), key.credentials("root"))) {
            ExecResult result = session.exec(RemoteCommand.of("id -u"), progress());
            assertThat(result.exitStatus()).isZero();
            assertThat(result.lastLines()).containsExactly("0");
        }
    }

    @Test
    void aKeyWithAPassphraseAndAPasswordLogIn() {
        ClientKey key = BED.passphraseKey();
        try (HostConnector connector = connector()) {
            HostSession withKey = connector.connect(addressOf(BED.host(0)), key.credentials("root"));
            assertThat(withKey.exec(RemoteCommand.of("hostname"), progress()).lastLines())
                    .containsExactly(BED.host(0).name());
            HostSession withPassword = connector.connect(addressOf(BED.host(1)),
                    new SshCredentials("root", ROOT_PASSWORD, null, null, 22));
            assertThat(withPassword.exec(RemoteCommand.of("hostname"), progress()).lastLines())
                    .containsExactly(BED.host(1).name());
        }
    }

    @Test
    void aNonRootUserRunsCommandsThroughSudoWithAndWithoutASudoPassword() {
        try (HostConnector connector = connector(BED.sshSettings().identityFiles(List.of()).build())) {
            for (String user : List.of("deployer", "ops")) {
                SshCredentials credentials = user.equals("deployer")
                        ? new SshCredentials(user, SUDO_PASSWORD, null, null, 22)
                        : BED.clientKey().credentials(user);
                HostSession session = connector.connect(addressOf(BED.host(0)), credentials);
                assertThat(session.user()).isEqualTo(user);
                ExecResult result = session.exec(RemoteCommand.of("id -u && touch /var/lib/sealer/by-" + user),
                        progress());
                assertThat(result.exitStatus()).as(result.lastLines().toString()).isZero();
                assertThat(result.lastLines()).containsExactly("0");
                assertThat(BED.host(0).path("/var/lib/sealer/by-" + user)).exists();
            }
        }
        assertThat(logText()).doesNotContain(SUDO_PASSWORD);
    }

    @Test
    void anUnknownHostFailsWithItsFingerprintAndAcceptingRecordsItAndAChangedKeyAlwaysFails() throws IOException {
        Path knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, "");
        SshCredentials root = BED.clientKey().credentials("root");
        TestHost host = BED.host(1);
        try (HostConnector strict = connector(BED.sshSettings().knownHosts(knownHosts).build())) {
            assertThatThrownBy(() -> strict.connect(addressOf(host), root))
                    .isInstanceOf(HostException.class)
                    .hasMessageContaining(host.address())
                    .hasMessageContaining("SHA256:");
        }
        try (HostConnector accepting = connector(BED.sshSettings().knownHosts(knownHosts).acceptNewHostKeys(true)
                .build())) {
            accepting.connect(addressOf(host), root).exec(RemoteCommand.of("true"), progress());
        }
        assertThat(Files.readString(knownHosts)).contains(host.address());

        host.changeHostKey();
        try (HostConnector again = connector(BED.sshSettings().knownHosts(knownHosts).acceptNewHostKeys(true)
                .build())) {
            assertThatThrownBy(() -> again.connect(addressOf(host), root))
                    .isInstanceOf(HostException.class)
                    .hasMessageContaining(knownHosts.toString());
        } finally {
            host.changeHostKey();
        }
    }

    @Test
    void commandsStreamTheirLinesReturnTheirExitCodeAndATimeoutKillsTheRemoteCommand() {
        try (HostConnector connector = connector();
                HostSession session = connector.connect(addressOf(BED.host(0)), BED.clientKey().credentials("root"))) {
            ExecResult result = session.exec(RemoteCommand.of("echo one; echo two >&2; echo \"$GREETING\"; exit 3")
                    .withEnv("GREETING", "it's \"quoted\" $HOME"), progress());
            assertThat(result.exitStatus()).isEqualTo(3);
            assertThat(events).filteredOn(e -> e instanceof ProgressEvent.LogLine)
                    .extracting(e -> ((ProgressEvent.LogLine) e).line())
                    .contains("one", "two", "it's \"quoted\" $HOME");

            assertThatThrownBy(() -> session.exec(RemoteCommand.of("sleep 300 # sealer-timeout-probe")
                    .withTimeout(Duration.ofSeconds(1)), progress()))
                    .isInstanceOf(HostException.class).hasMessageContaining(BED.host(0).address());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (BED.host(0).run("pgrep -f 'sealer-timeout-[p]robe'").exitCode() == 0) {
                // the group gets TERM at once and KILL 2 s later; the kernel ends it a moment after
                assertThat(System.nanoTime()).as("the timed-out command was killed").isLessThan(deadline);
                Thread.onSpinWait();
            }
            assertThat(session.exec(RemoteCommand.of("true"), progress()).exitStatus()).isZero();
        }
    }

    @Test
    void aTreeOfFiftyThousandFilesAndAOneGibFileArriveWholeAndUnchangedContentIsNotSentAgain() throws Exception {
        Path tree = tmp.resolve("rootfs");
        for (int d = 0; d < 100; d++) {
            Files.createDirectories(tree.resolve("small/d" + d));
        }
        for (int i = 0; i < 50_000; i++) {
            Files.writeString(tree.resolve("small/d" + (i % 100) + "/f" + i + ".txt"), "file " + i + "\n");
        }
        Path big = Files.createDirectories(tree.resolve("big")).resolve("blob.bin");
        writeBigFile(big, 1L << 30);
        String bigHash = sha256(big);

        try (HostConnector connector = connector();
                HostSession session = connector.connect(addressOf(BED.host(1)), BED.clientKey().credentials("root"))) {
            TreeTransfer first = session.sendTree(tree, "/var/lib/sealer/data/c1/rootfs", "sha256:image-1", progress());
            assertThat(first.skipped()).isFalse();
            assertThat(first.files()).isEqualTo(50_001);
            TreeTransfer second = session.sendTree(tree, "/var/lib/sealer/data/c1/rootfs", "sha256:image-1",
                    progress());
            assertThat(second.skipped()).isTrue();
            assertThat(second.bytes()).isZero();
            assertThat(second.digest()).isEqualTo(first.digest());
        }
        Path remote = BED.host(1).path("/var/lib/sealer/data/c1/rootfs");
        assertThat(sha256(remote.resolve("big/blob.bin"))).isEqualTo(bigHash);
        try (Stream<Path> files = Files.walk(remote.resolve("small"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(50_000);
        }
        assertThat(remote.resolve("small/d7/f12307.txt")).hasContent("file 12307");
    }

    @Test
    void aTransferInterruptedBySshdDyingLeavesNoCompleteLookingTreeAndARetrySucceeds() throws Exception {
        Path tree = tmp.resolve("tree");
        Files.createDirectories(tree);
        writeBigFile(tree.resolve("large.bin"), 512L << 20);
        TestHost host = BED.host(0);
        String target = "/var/lib/sealer/data/c2/rootfs";
        try (HostConnector connector = connector()) {
            HostSession session = connector.connect(addressOf(host), BED.clientKey().credentials("root"));
            Progress watching = Progress.to(event -> {
                events.add(event);
                if (event instanceof ProgressEvent.Progressed p && p.done() > (64L << 20) && host.sshdRunning()) {
                    host.killSshd();
                }
            });
            assertThatThrownBy(() -> session.sendTree(tree, target, "sha256:image-2", watching))
                    .isInstanceOf(HostException.class).hasMessageContaining(host.address());
            assertThat(host.path(target)).doesNotExist();

            host.startSshd();
            TreeTransfer retry = connector.connect(addressOf(host), BED.clientKey().credentials("root"))
                    .sendTree(tree, target, "sha256:image-2", progress());
            assertThat(retry.skipped()).isFalse();
        } finally {
            if (!host.sshdRunning()) {
                host.startSshd();
            }
        }
        assertThat(sha256(host.path(target).resolve("large.bin"))).isEqualTo(sha256(tree.resolve("large.bin")));
    }

    @Test
    void noPasswordOrKeyMaterialReachesEventsOrMessages() throws IOException {
        String secret = "token-" + ROOT_PASSWORD;
        try (HostConnector connector = connector(BED.sshSettings().identityFiles(List.of()).build())) {
            HostSession session = connector.connect(addressOf(BED.host(0)),
                    new SshCredentials("root", ROOT_PASSWORD, null, null, 22));
            session.exec(RemoteCommand.of("echo \"$TOKEN\"; echo " + secret + " >&2; exit 1")
                    .withEnv("TOKEN", secret).withSecrets(Set.of(secret)), progress());
            assertThatThrownBy(() -> connector.connect(addressOf(BED.host(1)),
                    new SshCredentials("root", "wrong-" + ROOT_PASSWORD, null, null, 22))
                    .exec(RemoteCommand.of("true"), progress()))
                    .isInstanceOf(HostException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(ROOT_PASSWORD));
        }
        String keyMaterial = Files.readString(BED.clientKey().privateKey()).lines()
                .filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertThat(logText()).doesNotContain(secret).doesNotContain(ROOT_PASSWORD).doesNotContain(keyMaterial);
    }

    private String logText() {
        List<String> lines = new ArrayList<>();
        for (ProgressEvent event : events) {
            lines.add(event.toString());
        }
        return String.join("\n", lines);
    }

    private static void writeBigFile(Path file, long size) throws IOException {
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (i * 31 + (i >> 9));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                chunk[0]++;
                out.write(chunk);
            }
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 20];
        try (var in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
