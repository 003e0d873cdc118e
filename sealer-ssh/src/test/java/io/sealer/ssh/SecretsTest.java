package io.sealer.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sealer.api.cluster.SshCredentials;
import io.sealer.api.event.Progress;
import io.sealer.api.spi.HostConnector;
import io.sealer.api.spi.HostSession;
import io.sealer.api.spi.RemoteCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No password, passphrase, sudo password or command secret reaches a log line (the tests' SLF4J file, MINA's debug
 * logging included), an event or an exception message, on any path that handles one.
 */
class SecretsTest {
    private static final String LOGIN_PASSWORD = "Login-Secret-4711";
    private static final String KEY_PASSPHRASE = "Key-Passphrase-0815";
    private static final String WRONG_PASSPHRASE = "Wrong-Passphrase-1234";
    private static final String COMMAND_SECRET = "Command-Token-9999";
    private static final List<String> SECRETS = List.of(LOGIN_PASSWORD, KEY_PASSPHRASE, WRONG_PASSPHRASE,
            COMMAND_SECRET);

    @TempDir
    Path dir;

    @Test
    void noSecretIsLoggedReportedOrThrown() throws Exception {
        KeyPair hostKey = TestKeys.ed25519();
        KeyPair userKey = TestKeys.ed25519();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        TestSshServer.fakeSudo(bin);
        Hosts.Events events = new Hosts.Events();
        Progress progress = Progress.to(events);
        List<Throwable> errors = new ArrayList<>();
        try (TestSshServer server = TestSshServer.start(hostKey).password("deploy", LOGIN_PASSWORD)
                .key("deploy", userKey.getPublic()).pathFirst(bin).env("FAKE_SUDO_PASSWORD", LOGIN_PASSWORD);
                TestSshServer interactive = TestSshServer.withAuthMethods("keyboard-interactive", hostKey)
                        .password("root", LOGIN_PASSWORD)) {
            Path knownHosts = dir.resolve("known_hosts");
            Hosts.trust(knownHosts, server, hostKey);
            Hosts.trust(knownHosts, interactive, hostKey);
            Path key = TestKeys.write(dir.resolve("id"), userKey, KEY_PASSPHRASE);
            try (HostConnector connector = Hosts.connector(Hosts.settings(knownHosts).build())) {
                errors.add(catchThrowable(() -> connector.connect(server.address(),
                        new SshCredentials("deploy", null, key.toString(), WRONG_PASSPHRASE, null))));
                errors.add(catchThrowable(() -> connector.connect(server.address(),
                        Hosts.password("deploy", WRONG_PASSPHRASE))));
                HostSession session = connector.connect(server.address(),
                        new SshCredentials("deploy", LOGIN_PASSWORD, key.toString(), KEY_PASSPHRASE, null));
                HostSession viaInteractive = connector.connect(interactive.address(),
                        Hosts.password("root", LOGIN_PASSWORD));
                viaInteractive.exec(RemoteCommand.of("true"), progress);

                RemoteCommand leaky = RemoteCommand.of("echo \"$TOKEN and " + LOGIN_PASSWORD + "\"; echo \""
                        + KEY_PASSPHRASE + "\" >&2; exit 7").withEnv("TOKEN", COMMAND_SECRET)
                        .withSecrets(Set.of(COMMAND_SECRET));
                assertThat(session.exec(leaky, progress).lastLines())
                        .allSatisfy(line -> assertThat(line).contains("***"));
                errors.add(catchThrowable(() -> session.exec(RemoteCommand.of("echo " + COMMAND_SECRET + " " + LOGIN_PASSWORD + "; sleep 20")
                        .withSecrets(Set.of(COMMAND_SECRET)).withTimeout(Duration.ofSeconds(1)), progress)));
                Path tree = Trees.build(dir.resolve("tree"), 5, 10);
                session.sendTree(tree, dir.resolve("host/tree").toString(), "id-1", progress);
                Path file = dir.resolve("file");
                Files.writeString(file, "x");
                session.upload(file, dir.resolve("host/file").toString());
                session.download(dir.resolve("host/file").toString(), dir.resolve("back"));
                errors.add(catchThrowable(() -> session.download(dir.resolve("host/missing").toString(),
                        dir.resolve("none"))));
                session.exec(RemoteCommand.of("echo secrets-test-done"), progress);
            }
        }
        assertThat(errors).hasSize(4).allSatisfy(e -> assertThat(e).isNotNull());
        String log = Files.readString(Path.of("target/sealer-ssh-tests.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("secrets-test-done");
        for (String secret : SECRETS) {
            assertThat(log).as("the log").doesNotContain(secret);
            assertThat(events.text()).as("the events").doesNotContain(secret);
            for (Throwable error : errors) {
                StringWriter trace = new StringWriter();
                error.printStackTrace(new PrintWriter(trace));
                assertThat(trace.toString()).as("an exception").doesNotContain(secret);
            }
        }
    }
}
