package io.sealer.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.HostException;
import io.sealer.api.cluster.SshCredentials;
import io.sealer.api.event.Progress;
import io.sealer.api.spi.HostConnector;
import io.sealer.api.spi.HostSession;
import io.sealer.api.spi.RemoteCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthTest {
    @TempDir
    Path dir;

    private final KeyPair hostKey = TestKeys.ed25519();
    private TestSshServer server;
    private Path knownHosts;

    @BeforeEach
    void start() throws Exception {
        server = TestSshServer.start(hostKey);
        knownHosts = dir.resolve("known_hosts");
        Hosts.trust(knownHosts, server, hostKey);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of("ed25519", (Supplier<KeyPair>) TestKeys::ed25519, null),
                Arguments.of("ed25519", (Supplier<KeyPair>) TestKeys::ed25519, "correct horse"),
                Arguments.of("ecdsa", (Supplier<KeyPair>) TestKeys::ecdsa, null),
                Arguments.of("ecdsa", (Supplier<KeyPair>) TestKeys::ecdsa, "battery staple"),
                Arguments.of("rsa", (Supplier<KeyPair>) TestKeys::rsa, "p@ss phrase"));
    }

    @ParameterizedTest(name = "{0} key, passphrase {2}")
    @MethodSource("keys")
    void privateKeyLogin(String type, Supplier<KeyPair> generator, String passphrase) throws Exception {
        KeyPair user = generator.get();
        server.key("root", user.getPublic());
        Path key = TestKeys.write(dir.resolve("id_" + type), user, passphrase);
        try (HostConnector connector = Hosts.connector(Hosts.settings(knownHosts).build())) {
            HostSession session = connector.connect(server.address(), Hosts.key("root", key, passphrase));
            assertThat(session.exec(RemoteCommand.of("echo hi"), Progress.NONE).lastLines()).containsExactly("hi");
        }
    }

    @Test
    void aWrongPassphraseIsReportedWithoutIt() throws Exception {
        KeyPair user = TestKeys.ed25519();
        server.key("root", user.getPublic());
        Path key = TestKeys.write(dir.resolve("id_ed25519"), user, "right one");
        try (HostConnector connector = Hosts.connector(Hosts.settings(knownHosts).build())) {
            assertThatThrownBy(() -> connector.connect(server.address(), Hosts.key("root", key, "wrong one")))
                    .isInstanceOf(HostException.class)
                    .hasMessageContaining(key.toString())
                    .hasMessageContaining("passphrase")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong one"));
            assertThatThrownBy(() -> connector.connect(server.address(), Hosts.key("root", key, null)))
                    .isInstanceOf(HostException.class).hasMessageContaining("passphrase");
        }
    }

    @Test
    void identityFilesOfTheSettingsAreTriedWhenTheCredentialsNameNoKey() throws Exception {
        KeyPair user = TestKeys.ecdsa();
        server.key("root", user.getPublic());
        Path other = TestKeys.write(dir.resolve("id_ed25519"), TestKeys.ed25519(), null);
        Path encrypted = TestKeys.write(dir.resolve("id_rsa_enc"), TestKeys.ed25519(), "unknown");
        Path key = TestKeys.write(dir.resolve("id_ecdsa"), user, null);
        var settings = Hosts.settings(knownHosts)
                .identityFiles(List.of(dir.resolve("missing"), other, encrypted, key)).build();
        try (HostConnector connector = Hosts.connector(settings)) {
            HostSession session = connector.connect(server.address(), SshCredentials.EMPTY);
            assertThat(session.user()).isEqualTo("root");
            assertThat(session.exec(RemoteCommand.of("true"), Progress.NONE).succeeded()).isTrue();
        }
    }

    @Test
    void anOpenSshKeyFromSshKeygen() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen is not installed");
        Path key = dir.resolve("id_keygen");
        Process keygen = new ProcessBuilder("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "keygen pass",
                "-f", key.toString()).redirectErrorStream(true).start();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(keygen.exitValue()).isZero();
        server.key("root", org.apache.sshd.common.config.keys.PublicKeyEntry.parsePublicKeyEntry(
                Files.readString(dir.resolve("id_keygen.pub")).strip()).resolvePublicKey(null, null, null));
        try (HostConnector connector = Hosts.connector(Hosts.settings(knownHosts).build())) {
            HostSession session = connector.connect(server.address(), Hosts.key("root", key, "keygen pass"));
            assertThat(session.exec(RemoteCommand.of("true"), Progress.NONE).succeeded()).isTrue();
        }
    }

    @Test
    void passwordLogin() throws Exception {
        server.password("root", Hosts.PASSWORD);
        try (HostConnector connector = Hosts.connector(Hosts.settings(knownHosts).build())) {
            HostSession session = connector.connect(server.address(), Hosts.password("root", Hosts.PASSWORD));
            assertThat(session.exec(RemoteCommand.of("echo ok"), Progress.NONE).lastLines()).containsExactly("ok");
        }
    }

    @Test
    void keyboardInteractiveAnswersThePasswordPrompt() throws Exception {
        try (TestSshServer interactive = TestSshServer.withAuthMethods("keyboard-interactive", hostKey)) {
            interactive.password("root", Hosts.PASSWORD);
            Hosts.trust(knownHosts, interactive, hostKey);
            try (HostConnector connector = Hosts.connector(Hosts.settings(knownHosts).build())) {
                HostSession session = connector.connect(interactive.address(),
                        Hosts.password("root", Hosts.PASSWORD));
                assertThat(session.exec(RemoteCommand.of("true"), Progress.NONE).succeeded()).isTrue();
            }
        }
    }

    @Test
    void aFailedLoginSaysWhatWasTriedAndNoSecret() throws Exception {
        server.password("root", "the real one");
        try (HostConnector connector = Hosts.connector(Hosts.settings(knownHosts).build())) {
            assertThatThrownBy(() -> connector.connect(server.address(), Hosts.password("root", "not-it-123")))
                    .isInstanceOf(HostException.class)
                    .hasMessageContaining("cannot log in as root")
                    .hasMessageContaining("password")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-it-123"));
            assertThatThrownBy(() -> connector.connect(server.address(), SshCredentials.EMPTY))
                    .isInstanceOf(HostException.class)
                    .hasMessageContaining("no key or password was given");
        }
    }

    @Test
    void aSilentServerTimesOut() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5,
                java.net.InetAddress.getLoopbackAddress());
                HostConnector connector = Hosts.connector(Hosts.settings(knownHosts)
                        .authTimeout(java.time.Duration.ofSeconds(1)).build())) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> connector.connect("127.0.0.1:" + silent.getLocalPort(),
                    Hosts.password("root", "x")))
                    .isInstanceOf(HostException.class)
                    .hasMessageContaining("within 1 s");
            assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(10));
        }
    }

    @Test
    void aClosedPortIsReported() throws Exception {
        int port = server.port();
        server.close();
        try (HostConnector connector = Hosts.connector(Hosts.settings(knownHosts).build())) {
            assertThatThrownBy(() -> connector.connect("127.0.0.1:" + port, Hosts.password("root", "x")))
                    .isInstanceOf(HostException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("refused");
        }
    }
}
