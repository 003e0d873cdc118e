package io.sealer.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.HostException;
import io.sealer.api.event.Progress;
import io.sealer.api.spi.HostConnector;
import io.sealer.api.spi.HostSession;
import io.sealer.api.spi.RemoteCommand;
import io.sealer.api.spi.TreeTransfer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A non-root user: commands and writes go through sudo (a fake one that checks the password on stdin). */
class SudoTest {
    private static final String SUDO_PASSWORD = "sudo-pw 'x' $y";

    @TempDir
    Path dir;

    private final KeyPair hostKey = TestKeys.ed25519();
    private TestSshServer server;
    private HostConnector connector;
    private Path sudoLog;

    @BeforeEach
    void start() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("fake-bin"));
        TestSshServer.fakeSudo(bin);
        sudoLog = dir.resolve("sudo.log");
        server = TestSshServer.start(hostKey).password("deploy", SUDO_PASSWORD).pathFirst(bin)
                .env("FAKE_SUDO_PASSWORD", SUDO_PASSWORD).env("FAKE_SUDO_LOG", sudoLog.toString());
        Path knownHosts = dir.resolve("known_hosts");
        Hosts.trust(knownHosts, server, hostKey);
        connector = Hosts.connector(Hosts.settings(knownHosts).build());
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        server.close();
    }

    @Test
    void sudoWithAPassword() throws Exception {
        HostSession session = connector.connect(server.address(), Hosts.password("deploy", SUDO_PASSWORD));
        assertThat(session.exec(RemoteCommand.of("echo as-root"), Progress.NONE).lastLines())
                .containsExactly("as-root");
        Path local = Trees.build(dir.resolve("local"), 30, 100_000);
        Path remote = dir.resolve("host/rootfs");
        TreeTransfer transfer = session.sendTree(local, remote.toString(), "image-1", Progress.NONE);
        assertThat(Trees.describe(remote, ".sealer-content")).isEqualTo(Trees.describe(local));
        assertThat(session.sendTree(local, remote.toString(), "image-1", Progress.NONE).skipped()).isTrue();
        Path file = dir.resolve("f.txt");
        Files.writeString(file, "content");
        session.upload(file, dir.resolve("host/etc/f.txt").toString());
        session.download(dir.resolve("host/etc/f.txt").toString(), dir.resolve("back.txt"));
        assertThat(Files.readString(dir.resolve("back.txt"))).isEqualTo("content");
        assertThatThrownBy(() -> session.exec(RemoteCommand.of("sleep 30").withTimeout(Duration.ofSeconds(1)),
                Progress.NONE)).isInstanceOf(HostException.class).hasMessageContaining("process group was killed");

        String log = Files.readString(sudoLog);
        assertThat(log).contains("sudo nonint=1 stdin=0 true").contains("sudo nonint=0 stdin=1 /bin/bash");
        assertThat(log).doesNotContain(SUDO_PASSWORD);
        assertThat(server.commands()).allSatisfy(c -> assertThat(c).doesNotContain(SUDO_PASSWORD));
        assertThat(transfer.skipped()).isFalse();
    }

    @Test
    void sudoWithoutAPassword() throws Exception {
        server.env("FAKE_SUDO_MODE", "nopasswd");
        HostSession session = connector.connect(server.address(), Hosts.password("deploy", SUDO_PASSWORD));
        assertThat(session.exec(RemoteCommand.of("echo ok"), Progress.NONE).lastLines()).containsExactly("ok");
        assertThat(Files.readString(sudoLog)).contains("sudo nonint=1 stdin=0 /bin/bash")
                .doesNotContain("stdin=1");
    }

    @Test
    void aRefusedOrMissingPasswordIsReported() throws Exception {
        server.password("other", "login-pw");
        HostSession wrong = connector.connect(server.address(), Hosts.password("other", "login-pw"));
        assertThatThrownBy(() -> wrong.exec(RemoteCommand.of("true"), Progress.NONE))
                .isInstanceOf(HostException.class)
                .hasMessageContaining("sudo refused the password of user other")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("login-pw"));

        KeyPair key = TestKeys.ed25519();
        server.key("keyonly", key.getPublic());
        Path keyFile = TestKeys.write(dir.resolve("id"), key, null);
        HostSession noPassword = connector.connect(server.address(), Hosts.key("keyonly", keyFile, null));
        assertThatThrownBy(() -> noPassword.exec(RemoteCommand.of("true"), Progress.NONE))
                .isInstanceOf(HostException.class)
                .hasMessageContaining("sudo asks for a password");
    }

    @Test
    void aHostWithoutSudo() throws Exception {
        server.path(TestSshServer.pathWithoutTar(Files.createDirectories(dir.resolve("no-sudo-bin"))).toString());
        Files.deleteIfExists(dir.resolve("no-sudo-bin/sudo"));
        HostSession session = connector.connect(server.address(), Hosts.password("deploy", SUDO_PASSWORD));
        assertThatThrownBy(() -> session.exec(RemoteCommand.of("true"), Progress.NONE))
                .isInstanceOf(HostException.class)
                .hasMessageContaining("has no sudo");
    }
}
