package io.sealer.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.HostException;
import io.sealer.api.event.Progress;
import io.sealer.api.spi.HostConnector;
import io.sealer.api.spi.RemoteCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostKeyTest {
    @TempDir
    Path dir;

    private final KeyPair hostKey = TestKeys.ed25519();
    private TestSshServer server;
    private Path knownHosts;

    @BeforeEach
    void start() throws Exception {
        server = TestSshServer.start(hostKey).password("root", Hosts.PASSWORD);
        knownHosts = dir.resolve("ssh").resolve("known_hosts");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anUnknownHostFailsWithTheFingerprintAndHowToAcceptIt() throws Exception {
        try (HostConnector connector = Hosts.connector(Hosts.settings(knownHosts).build())) {
            assertThatThrownBy(() -> connector.connect(server.address(), Hosts.password("root", Hosts.PASSWORD)))
                    .isInstanceOf(HostException.class)
                    .hasMessageContaining("is not known")
                    .hasMessageContaining("ssh-ed25519 " + fingerprint(hostKey))
                    .hasMessageContaining("ssh-keyscan -p " + server.port() + " 127.0.0.1 >> " + knownHosts)
                    .hasMessageContaining("acceptNewHostKeys");
        }
        assertThat(knownHosts).doesNotExist();
    }

    @Test
    void theFingerprintIsTheOneSshKeygenPrints() throws Exception {
        Path keygen = Path.of("/usr/bin/ssh-keygen");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(keygen), "ssh-keygen is not installed");
        Path pub = dir.resolve("host.pub");
        Files.writeString(pub, PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        Process process = new ProcessBuilder(keygen.toString(), "-lf", pub.toString()).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(printed).contains(fingerprint(hostKey));
    }

    @Test
    void acceptingNewKeysRecordsThemAsSshKeyscanDoes() throws Exception {
        var accepting = Hosts.settings(knownHosts).acceptNewHostKeys(true).build();
        try (HostConnector connector = Hosts.connector(accepting)) {
            connector.connect(server.address(), Hosts.password("root", Hosts.PASSWORD));
        }
        assertThat(Files.readAllLines(knownHosts)).containsExactly(
                "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(hostKey.getPublic()));
        try (HostConnector strict = Hosts.connector(Hosts.settings(knownHosts).build())) {
            strict.connect(server.address(), Hosts.password("root", Hosts.PASSWORD))
                    .exec(RemoteCommand.of("true"), Progress.NONE);
        }
        try (HostConnector connector = Hosts.connector(accepting)) {
            connector.connect(server.address(), Hosts.password("root", Hosts.PASSWORD));
        }
        assertThat(Files.readAllLines(knownHosts)).hasSize(1);
    }

    @Test
    void aChangedKeyAlwaysFailsNamingTheFileAndLine() throws Exception {
        KeyPair old = TestKeys.ed25519();
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, "# comment\n"
                + "other.example " + PublicKeyEntry.toString(TestKeys.ed25519().getPublic()) + "\n"
                + "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(old.getPublic()) + "\n");
        for (boolean acceptNew : List.of(false, true)) {
            try (HostConnector connector = Hosts.connector(Hosts.settings(knownHosts).acceptNewHostKeys(acceptNew)
                    .build())) {
                assertThatThrownBy(() -> connector.connect(server.address(), Hosts.password("root",
                        Hosts.PASSWORD)))
                        .isInstanceOf(HostException.class)
                        .hasMessageContaining("HAS CHANGED")
                        .hasMessageContaining(knownHosts + ":3")
                        .hasMessageContaining(fingerprint(old))
                        .hasMessageContaining(fingerprint(hostKey))
                        .hasMessageContaining("ssh-keygen -R [127.0.0.1]:" + server.port());
            }
        }
        assertThat(Files.readAllLines(knownHosts)).hasSize(3);
    }

    @Test
    void hashedEntriesMatch() throws Exception {
        byte[] salt = new byte[20];
        new SecureRandom().nextBytes(salt);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        byte[] hash = mac.doFinal(("[127.0.0.1]:" + server.port()).getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, "|1|" + Base64.getEncoder().encodeToString(salt) + "|"
                + Base64.getEncoder().encodeToString(hash) + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        try (HostConnector connector = Hosts.connector(Hosts.settings(knownHosts).build())) {
            connector.connect(server.address(), Hosts.password("root", Hosts.PASSWORD));
        }
    }

    @Test
    void aHostKnownByAnotherKeyTypeIsMetWithThatType() throws Exception {
        KeyPair rsa = TestKeys.rsa();
        try (TestSshServer twoKeys = TestSshServer.start(hostKey, rsa).password("root", Hosts.PASSWORD)) {
            Files.createDirectories(knownHosts.getParent());
            Hosts.trust(knownHosts, twoKeys, rsa);
            try (HostConnector connector = Hosts.connector(Hosts.settings(knownHosts).build())) {
                connector.connect(twoKeys.address(), Hosts.password("root", Hosts.PASSWORD))
                        .exec(RemoteCommand.of("true"), Progress.NONE);
            }
        }
    }

    @Test
    void aRevokedKeyFails() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, "@revoked * " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n"
                + "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        try (HostConnector connector = Hosts.connector(Hosts.settings(knownHosts).acceptNewHostKeys(true).build())) {
            assertThatThrownBy(() -> connector.connect(server.address(), Hosts.password("root", Hosts.PASSWORD)))
                    .isInstanceOf(HostException.class)
                    .hasMessageContaining("@revoked")
                    .hasMessageContaining(knownHosts + ":1");
        }
    }

    /** {@code SHA256:<base64>} of the key, computed here independently. */
    static String fingerprint(KeyPair key) throws Exception {
        ByteArrayBuffer buffer = new ByteArrayBuffer();
        buffer.putRawPublicKey(key.getPublic());
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(buffer.getCompactData());
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash);
    }
}
