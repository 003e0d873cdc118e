package io.sealer.it.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.it.support.ClientKey;
import io.sealer.it.support.HostBedExtension;
import io.sealer.it.support.OpenSshClient;
import io.sealer.it.support.Processes;
import io.sealer.it.support.SshKeyType;
import io.sealer.it.support.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host bed with the real OpenSSH client: three hosts with their own names, addresses, host keys and files;
 * key and password logins; sudo users; a changed host key; sshd stopped, restarted and killed.
 */
class HostBedTest {
    private static final String ADMIN_PASSWORD = "admin-secret";
    private static final String ROOT_PASSWORD = "root-secret";

    @RegisterExtension
    static final HostBedExtension BED = HostBedExtension.withHosts(3)
            .passwordlessSudoUser("deploy")
            .sudoUser("admin", ADMIN_PASSWORD)
            .user("guest", "guest-secret")
            .rootPassword(ROOT_PASSWORD);

    @TempDir
    Path temp;

    @Test
    void threeHostsAnswerWithTheirOwnNamesAsRoot() {
        assertThat(BED.hosts()).hasSize(3);
        Set<String> names = new HashSet<>();
        for (TestHost host : BED.hosts()) {
            Processes.Result result = BED.ssh().check(host, "hostname; id -u; cat /etc/hostname");
            assertThat(result.stdoutText().lines().toList()).containsExactly(host.name(), "0", host.name());
            names.add(host.name());
            assertThat(host.port()).isEqualTo(22);
            assertThat(host.address()).startsWith(HostBedExtension.SUBNET + ".");
        }
        assertThat(names).hasSize(3);
        assertThat(BED.hosts().stream().map(TestHost::address).distinct()).hasSize(3);
        assertThat(BED.startupTime()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void knownHostsHoldsEachHostsOwnKeyAsKeyscanWritesIt() {
        List<String> lines = BED.knownHosts().lines().toList();
        assertThat(lines).hasSize(3);
        for (TestHost host : BED.hosts()) {
            assertThat(lines).anySatisfy(line -> assertThat(line).matches(
                    java.util.regex.Pattern.quote(host.address()) + " ssh-ed25519 [A-Za-z0-9+/=]+"));
        }
        assertThat(lines.stream().map(line -> line.split(" ")[2]).distinct()).hasSize(3);
    }

    @Test
    void eachHostHasItsOwnFilesAndNeverTheTestMachines() throws IOException {
        TestHost first = BED.host(0);
        TestHost second = BED.host(1);
        String marker = "written-on-" + first.name();
        BED.ssh().check(first, "mkdir -p /var/lib/sealer/probe && echo " + marker + " > /var/lib/sealer/probe/file"
                + " && echo '10.233.99.250 only-on-first' >> /etc/hosts"
                + " && echo kubelet > /usr/local/bin/sealer-bed-probe && echo x > /etc/kubernetes/admin.conf"
                + " && echo 'net.ipv4.ip_forward = 1' > /etc/sysctl.d/99-sealer-bed-probe.conf");

        assertThat(first.path("/var/lib/sealer/probe/file")).hasContent(marker);
        assertThat(first.root().resolve("etc/hosts")).content().contains("only-on-first");
        assertThat(first.path("/usr/local/bin/sealer-bed-probe")).exists();
        assertThat(first.path("/etc/sysctl.d/99-sealer-bed-probe.conf")).exists();

        assertThat(second.run("test -e /var/lib/sealer/probe/file").exitCode()).isNotZero();
        assertThat(second.check("cat /etc/hosts").stdoutText()).doesNotContain("only-on-first")
                .contains(second.address() + " " + second.name());
        assertThat(BED.ssh().run(second, "test -e /etc/kubernetes/admin.conf").exitCode()).isNotZero();
        assertThat(second.path("/var/lib/sealer/probe/file")).doesNotExist();

        assertThat(Path.of("/var/lib/sealer/probe/file")).doesNotExist();
        assertThat(Path.of("/usr/local/bin/sealer-bed-probe")).doesNotExist();
        assertThat(Path.of("/etc/sysctl.d/99-sealer-bed-probe.conf")).doesNotExist();
        assertThat(Files.readString(Path.of("/etc/hosts"))).doesNotContain("only-on-first");
    }

    @Test
    void usersAndPasswordsAreTheHostsOwnAndTheRestIsReadOnly() throws IOException {
        TestHost host = BED.host(2);
        assertThat(host.check("getent passwd deploy admin guest | cut -d: -f1").stdoutText().lines())
                .containsExactly("deploy", "admin", "guest");
        assertThat(host.path("/etc/passwd")).content().contains("deploy:");
        assertThat(Files.readString(Path.of("/etc/passwd"))).doesNotContain("deploy:").doesNotContain("guest:");
        assertThat(host.path("/etc/shadow")).content().containsPattern("(?m)^root:\\$");

        Processes.Result outside = BED.ssh().run(host, "touch /sealer-bed-probe");
        assertThat(outside.exitCode()).isNotZero();
        assertThat(outside.stderr()).contains("Read-only file system");
        assertThat(Path.of("/sealer-bed-probe")).doesNotExist();
        assertThatThrownBy(() -> host.path("/srv/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyAuthorizedKeyLogsInAndAStrangersKeyIsRefused() {
        TestHost host = BED.host(1);
        for (SshKeyType type : SshKeyType.values()) {
            ClientKey key = BED.clientKey(type);
            assertThat(BED.ssh().key(key).check(host, "echo $USER").stdoutText().strip()).as(type.name())
                    .isEqualTo("root");
            assertThat(BED.ssh().user("deploy").key(key).check(host, "id -un").stdoutText().strip())
                    .isEqualTo("deploy");
        }
        ClientKey protectedKey = BED.passphraseKey();
        assertThat(protectedKey.passphrase()).isPresent();
        assertThat(BED.ssh().key(protectedKey).check(host, "id -u").stdoutText().strip()).isEqualTo("0");

        Processes.Result stranger = BED.ssh().key(BED.unauthorizedKey()).run(host, "id -u");
        assertThat(stranger.exitCode()).isEqualTo(255);
        assertThat(stranger.stderr()).contains("Permission denied");
    }

    @Test
    void passwordsLogInAndWrongOnesDoNot() {
        TestHost host = BED.host(0);
        assertThat(BED.ssh().password(ROOT_PASSWORD).check(host, "id -u").stdoutText().strip()).isEqualTo("0");
        assertThat(BED.ssh().user("admin").password(ADMIN_PASSWORD).check(host, "id -un").stdoutText().strip())
                .isEqualTo("admin");
        Processes.Result wrong = BED.ssh().password("not-" + ROOT_PASSWORD).run(host, "id -u");
        assertThat(wrong.exitCode()).isEqualTo(255);
        assertThat(wrong.stderr()).contains("Permission denied");
    }

    @Test
    void passwordlessSudoUserRunsSudoWithoutPassword() {
        OpenSshClient deploy = BED.ssh().user("deploy");
        for (TestHost host : BED.hosts()) {
            assertThat(deploy.run(host, "sudo -n true").exitCode()).isZero();
            assertThat(deploy.check(host, "id -u; sudo -n id -u").stdoutText().lines().toList())
                    .hasSize(2).last().isEqualTo("0");
        }
    }

    @Test
    void sudoUserNeedsTheirPasswordAndOthersGetNoSudo() {
        TestHost host = BED.host(1);
        OpenSshClient admin = BED.ssh().user("admin");
        Processes.Result withoutPassword = admin.run(host, "sudo -n true");
        assertThat(withoutPassword.exitCode()).isNotZero();
        assertThat(withoutPassword.stderr()).contains("password is required");
        assertThat(admin.run(host, "sudo -S -p '' id -u", ADMIN_PASSWORD + "\n").stdoutText().strip()).isEqualTo("0");
        Processes.Result wrong = admin.run(host, "sudo -S -p '' id -u", "wrong-password\n");
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.stdoutText()).isEmpty();
        assertThat(BED.user("admin").password()).contains(ADMIN_PASSWORD);

        Processes.Result guest = BED.ssh().user("guest").run(host, "sudo -S -p '' true", "guest-secret\n");
        assertThat(guest.exitCode()).isNotZero();
        assertThat(guest.stderr()).contains("not in the sudoers file");
    }

    @Test
    void aChangedHostKeyIsRefusedWithTheOldKnownHosts() throws IOException {
        TestHost host = BED.host(2);
        Path oldKnownHosts = Files.writeString(temp.resolve("known_hosts"), BED.knownHosts());
        BED.ssh().knownHosts(oldKnownHosts).check(host, "true");

        host.changeHostKey();

        Processes.Result refused = BED.ssh().knownHosts(oldKnownHosts).run(host, "true");
        assertThat(refused.exitCode()).isEqualTo(255);
        assertThat(refused.stderr()).contains("REMOTE HOST IDENTIFICATION HAS CHANGED");
        assertThat(Files.readString(BED.knownHostsFile())).isNotEqualTo(Files.readString(oldKnownHosts));
        assertThat(BED.ssh().check(host, "hostname").stdoutText().strip()).isEqualTo(host.name());
        TestHost other = BED.host(0);
        assertThat(BED.ssh().knownHosts(oldKnownHosts).run(other, "true").exitCode()).isZero();
    }

    @Test
    void stoppedSshdRefusesConnectionsAndRestartKeepsTheHostsFiles() {
        TestHost host = BED.host(1);
        BED.ssh().check(host, "echo kept > /var/lib/sealer/kept");
        host.stopSshd();
        try {
            assertThat(host.sshdRunning()).isFalse();
            Processes.Result refused = BED.ssh().run(host, "true");
            assertThat(refused.exitCode()).isEqualTo(255);
            assertThat(refused.stderr()).contains("Connection refused");
            assertThat(host.check("cat /var/lib/sealer/kept; hostname").stdoutText().lines())
                    .containsExactly("kept", host.name());
        } finally {
            host.startSshd();
        }
        assertThat(host.sshdRunning()).isTrue();
        assertThat(BED.ssh().check(host, "cat /var/lib/sealer/kept").stdoutText().strip()).isEqualTo("kept");
        host.restartSshd();
        assertThat(BED.ssh().check(host, "hostname").stdoutText().strip()).isEqualTo(host.name());
    }

    @Test
    void killedSshdBreaksOpenSessionsAtOnce() throws Exception {
        TestHost host = BED.host(0);
        Path out = temp.resolve("out");
        Process session = BED.ssh().processBuilder(host, "echo started; exec sleep 120")
                .redirectOutput(out.toFile()).redirectError(temp.resolve("err").toFile()).start();
        try {
            Instant deadline = Instant.now().plusSeconds(20);
            while (!(Files.exists(out) && Files.readString(out).contains("started"))) {
                assertThat(Instant.now()).as("the session started").isBefore(deadline);
                assertThat(session.isAlive()).as("ssh runs: " + Files.readString(temp.resolve("err"))).isTrue();
                Thread.sleep(10);
            }
            assertThat(host.check("pgrep --ns $$ --nslist net -f 'slee[p] 120'").stdoutText()).isNotBlank();

            host.killSshd();

            assertThat(session.waitFor(10, TimeUnit.SECONDS)).as("ssh ends when its server dies").isTrue();
            assertThat(session.exitValue()).isEqualTo(255);
            assertThat(host.sshdRunning()).isFalse();
            Instant killed = Instant.now().plusSeconds(10);
            while (host.run("pgrep --ns $$ --nslist net -f 'slee[p] 120'").exitCode() != 1) {
                // SIGKILL was sent; the kernel ends the process a moment later
                assertThat(Instant.now()).as("the session's command was killed too").isBefore(killed);
                Thread.sleep(10);
            }
            assertThat(BED.ssh().run(host, "true").exitCode()).isEqualTo(255);
        } finally {
            session.destroyForcibly();
            if (!host.sshdRunning()) {
                host.startSshd();
            }
        }
        assertThat(BED.ssh().check(host, "hostname").stdoutText().strip()).isEqualTo(host.name());
    }
}
