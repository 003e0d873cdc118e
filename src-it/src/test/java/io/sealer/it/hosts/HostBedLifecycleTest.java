package io.sealer.it.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sealer.it.support.HostBedExtension;
import io.sealer.it.support.Processes;
import io.sealer.it.support.TestHost;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Beds a test starts and closes itself: what a crashed run left is deleted first, a teardown leaves nothing, beds
 * one after another get other names, and a bed that cannot be set up fails with the reason and leaves nothing.
 */
class HostBedLifecycleTest {
    private static final String DEAD = HostBedExtension.PREFIX + "dead";

    @BeforeEach
    void needsRoot() {
        assumeTrue(HostBedExtension.runningAsRoot(), "the host bed needs root: skipped");
    }

    @Test
    void leftoversOfACrashedRunAreDeletedBeforeTheBedStarts() throws Exception {
        // what a run killed with SIGKILL leaves: a namespace with a process in it, its veth, a bridge holding the
        // bed's address, and the work directory
        Processes.check(List.of("ip", "netns", "add", DEAD + "-h1"));
        Processes.check(List.of("ip", "link", "add", DEAD + "-br", "type", "bridge"));
        Processes.check(List.of("ip", "addr", "add", HostBedExtension.GATEWAY + "/24", "dev", DEAD + "-br"));
        Processes.check(List.of("ip", "link", "add", DEAD + "-v1", "type", "veth", "peer", "name", "eth0", "netns",
                DEAD + "-h1"));
        Processes.check(List.of("ip", "link", "set", DEAD + "-v1", "master", DEAD + "-br", "up"));
        Process orphan = new ProcessBuilder("ip", "netns", "exec", DEAD + "-h1", "sleep", "300")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path oldWork = Files.createDirectories(tmp.resolve("sealer-test-bed-dead/hosts/x/root/etc"));
        Files.writeString(oldWork.resolve("hosts"), "left over");

        try (HostBedExtension bed = HostBedExtension.withHosts(2)) {
            bed.start();

            assertThat(orphan.waitFor(10, TimeUnit.SECONDS)).as("the crashed run's process was killed").isTrue();
            assertThat(namespaces()).doesNotContain(DEAD + "-h1");
            assertThat(links()).noneMatch(link -> link.startsWith(DEAD));
            assertThat(tmp.resolve("sealer-test-bed-dead")).doesNotExist();
            for (TestHost host : bed.hosts()) {
                assertThat(bed.ssh().check(host, "hostname").stdoutText().strip()).isEqualTo(host.name());
            }
        } finally {
            orphan.destroyForcibly();
            Processes.run(List.of("ip", "netns", "del", DEAD + "-h1"));
            Processes.run(List.of("ip", "link", "del", DEAD + "-br"));
        }
    }

    @Test
    void closeLeavesNothingAndTheNextBedHasOtherNames() throws Exception {
        HostBedExtension first = HostBedExtension.withHosts(2);
        List<String> firstNames;
        Path firstWork;
        try (first) {
            first.start();
            assertThat(first.startupTime()).isPositive();
            firstNames = first.hosts().stream().map(TestHost::name).toList();
            firstWork = first.workDir();
            assertThat(namespaces()).containsAll(firstNames);
        }
        assertThat(namespaces()).noneMatch(name -> name.startsWith(HostBedExtension.PREFIX));
        assertThat(links()).noneMatch(name -> name.startsWith(HostBedExtension.PREFIX));
        assertThat(firstWork).doesNotExist();
        assertThatThrownBy(first::hosts).isInstanceOf(IllegalStateException.class);

        try (HostBedExtension second = HostBedExtension.withHosts(2)) {
            second.start();
            List<String> secondNames = second.hosts().stream().map(TestHost::name).toList();
            assertThat(secondNames).doesNotContainAnyElementsOf(firstNames);
            assertThat(second.ssh().check(second.host(1), "hostname").stdoutText().strip())
                    .isEqualTo(secondNames.get(1));
        }
    }

    @Test
    void aBedThatCannotBeSetUpFailsWithTheReasonAndLeavesNothing() {
        HostBedExtension broken = HostBedExtension.withHosts(2).sshdConfig("NoSuchSshdOption yes");
        assertThatThrownBy(broken::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sshd on " + HostBedExtension.PREFIX)
                .hasMessageContaining("NoSuchSshdOption");
        assertThat(namespaces()).noneMatch(name -> name.startsWith(HostBedExtension.PREFIX));
        assertThat(links()).noneMatch(name -> name.startsWith(HostBedExtension.PREFIX));

        try (HostBedExtension next = HostBedExtension.withHosts(1)) {
            next.start();
            assertThat(next.ssh().check(next.host(0), "id -u").stdoutText().strip()).isEqualTo("0");
        }
    }

    @Test
    void optionsReachEveryHostsSshd() {
        try (HostBedExtension bed = HostBedExtension.withHosts(2).pubkeyAuthentication(false)
                .rootPassword("root-secret").passwordlessSudoUser("deploy", "deploy-secret")
                .sshdConfig("Match User deploy").sshdConfig("  ForceCommand echo forced")) {
            bed.start();
            for (TestHost host : bed.hosts()) {
                Processes.Result key = bed.ssh().run(host, "id -u");
                assertThat(key.exitCode()).isEqualTo(255);
                assertThat(key.stderr()).contains("Permission denied");
                assertThat(bed.ssh().password("root-secret").check(host, "id -u").stdoutText().strip())
                        .isEqualTo("0");
                assertThat(bed.ssh().user("deploy").password("deploy-secret").check(host, "id -u").stdoutText()
                        .strip()).isEqualTo("forced");
            }
        }
        try (HostBedExtension bed = HostBedExtension.withHosts(1).sshdConfig("PermitRootLogin no")
                .passwordlessSudoUser("deploy")) {
            bed.start();
            TestHost host = bed.host(0);
            assertThat(bed.ssh().run(host, "true").stderr()).contains("Permission denied");
            assertThat(bed.ssh().user("deploy").check(host, "sudo -n id -u").stdoutText().strip()).isEqualTo("0");
            assertThat(host.path("/etc/ssh/sshd_config")).content().startsWith("# written by the test bed")
                    .contains("PermitRootLogin no\n");
        }
    }

    @Test
    void aSecondBedInTheSameJvmIsRefusedWhileOneRuns() {
        try (HostBedExtension running = HostBedExtension.withHosts(1)) {
            running.start();
            HostBedExtension other = HostBedExtension.withHosts(1);
            assertThatThrownBy(other::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another host bed runs in this JVM");
            assertThat(running.ssh().check(running.host(0), "true").exitCode()).isZero();
        }
    }

    private static List<String> namespaces() {
        return Processes.check(List.of("ip", "netns", "list")).stdoutText().lines()
                .map(line -> line.split("\\s+")[0]).toList();
    }

    private static List<String> links() {
        return Processes.check(List.of("ip", "-o", "link", "show")).stdoutText().lines()
                .map(line -> line.split(":\\s+", 3)[1].split("@")[0]).toList();
    }
}
