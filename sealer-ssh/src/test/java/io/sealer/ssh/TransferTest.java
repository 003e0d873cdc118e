package io.sealer.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.HostException;
import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.spi.HostConnector;
import io.sealer.api.spi.HostSession;
import io.sealer.api.spi.TreeTransfer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferTest {
    @TempDir
    Path dir;

    private final KeyPair hostKey = TestKeys.ed25519();
    private TestSshServer server;
    private HostConnector connector;
    private HostSession session;
    private Path knownHosts;

    @BeforeEach
    void start() throws Exception {
        server = TestSshServer.start(hostKey).password("root", Hosts.PASSWORD);
        knownHosts = dir.resolve("known_hosts");
        Hosts.trust(knownHosts, server, hostKey);
        connector = Hosts.connector(Hosts.settings(knownHosts).build());
        session = connector.connect(server.address(), Hosts.password("root", Hosts.PASSWORD));
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        server.close();
    }

    @Test
    void aTreeArrivesWhole() throws Exception {
        Path local = Trees.build(dir.resolve("local"), 400, 300_000);
        Path remote = dir.resolve("host/var/lib/sealer/rootfs");
        Hosts.Events events = new Hosts.Events();
        TreeTransfer transfer = session.sendTree(local, remote.toString(), "image-1", Progress.to(events));
        assertThat(transfer.skipped()).isFalse();
        assertThat(transfer.files()).isEqualTo(400 + 9);
        assertThat(transfer.digest()).matches("sha256:[0-9a-f]{64}");
        assertThat(Trees.describe(remote, ".sealer-content")).isEqualTo(Trees.describe(local));
        assertThat(Trees.read(remote.resolve(".sealer-content")))
                .isEqualTo("contentId=image-1\ndigest=" + transfer.digest() + "\n");
        assertThat(siblings(remote)).containsExactly("rootfs");
        assertThat(events.events).anySatisfy(e -> assertThat(e).isInstanceOf(ProgressEvent.Progressed.class));
        assertThat(events.events.get(events.events.size() - 1)).isInstanceOf(ProgressEvent.Finished.class);
    }

    @Test
    void aMatchingMarkerSkipsTheTransfer() throws Exception {
        Path local = Trees.build(dir.resolve("local"), 50, 10_000);
        String remote = dir.resolve("host/rootfs").toString();
        TreeTransfer first = session.sendTree(local, remote, "image-1", Progress.NONE);
        int commands = server.commands().size();
        TreeTransfer again = session.sendTree(local, remote, "image-1", Progress.NONE);
        assertThat(again.skipped()).isTrue();
        assertThat(again.digest()).isEqualTo(first.digest());
        assertThat(server.commands()).hasSize(commands + 1);
        try (HostConnector fresh = Hosts.connector(Hosts.settings(knownHosts).build())) {
            TreeTransfer hashed = fresh.connect(server.address(), Hosts.password("root", Hosts.PASSWORD))
                    .sendTree(local, remote, "image-1", Progress.NONE);
            assertThat(hashed.skipped()).isTrue();
            assertThat(hashed.digest()).isEqualTo(first.digest());
        }
        assertThat(session.sendTree(local, remote, "image-2", Progress.NONE).skipped()).isFalse();
        Files.writeString(local.resolve("d1/sub1/f1.txt"), "changed");
        TreeTransfer changed = session.sendTree(local, remote, "image-2", Progress.NONE);
        assertThat(changed.skipped()).isFalse();
        assertThat(changed.digest()).isNotEqualTo(first.digest());
        assertThat(Trees.read(Path.of(remote, "d1/sub1/f1.txt"))).isEqualTo("changed");
    }

    @Test
    void anInterruptedTransferLeavesNoCompleteLookingTree() throws Exception {
        Path local = Trees.build(dir.resolve("local"), 20, 8_000_000);
        Path remote = dir.resolve("host/rootfs");
        assertThatThrownBy(() -> session.sendTree(local, remote.toString(), "image-1", Progress.to(dropOnProgress())))
                .isInstanceOf(HostException.class);
        assertThat(remote).doesNotExist();
        assertNoMarkerBeside(remote);

        Path old = Trees.build(dir.resolve("old"), 5, 10);
        TreeTransfer previous = session.sendTree(old, remote.toString(), "image-0", Progress.NONE);
        assertThatThrownBy(() -> session.sendTree(local, remote.toString(), "image-1", Progress.to(dropOnProgress())))
                .isInstanceOf(HostException.class);
        assertThat(Trees.describe(remote, ".sealer-content")).isEqualTo(Trees.describe(old));
        assertThat(Trees.read(remote.resolve(".sealer-content"))).contains("image-0", previous.digest());
        assertNoMarkerBeside(remote);

        TreeTransfer done = session.sendTree(local, remote.toString(), "image-1", Progress.NONE);
        assertThat(done.skipped()).isFalse();
        assertThat(Trees.describe(remote, ".sealer-content")).isEqualTo(Trees.describe(local));
        assertThat(siblings(remote)).containsExactly("rootfs");
    }

    @Test
    void withoutTarTheTreeGoesOverSftp() throws Exception {
        Path local = Trees.build(dir.resolve("local"), 60, 50_000);
        TreeTransfer overTar = session.sendTree(local, dir.resolve("host/by-tar").toString(), "image-1",
                Progress.NONE);
        try (TestSshServer noTar = TestSshServer.start(hostKey).password("root", Hosts.PASSWORD)) {
            noTar.path(TestSshServer.pathWithoutTar(Files.createDirectories(dir.resolve("bin"))).toString());
            Hosts.trust(knownHosts, noTar, hostKey);
            HostSession host = connector.connect(noTar.address(), Hosts.password("root", Hosts.PASSWORD));
            Path remote = dir.resolve("host/by-sftp");
            TreeTransfer overSftp = host.sendTree(local, remote.toString(), "image-1", Progress.NONE);
            assertThat(overSftp.digest()).isEqualTo(overTar.digest());
            assertThat(Trees.describe(remote, ".sealer-content")).isEqualTo(Trees.describe(local));
            assertThat(host.sendTree(local, remote.toString(), "image-1", Progress.NONE).skipped()).isTrue();
        }
    }

    @Test
    void withoutSha256sumTarsExitStatusAlone() throws Exception {
        Path local = Trees.build(dir.resolve("local"), 10, 1000);
        try (TestSshServer plain = TestSshServer.start(hostKey).password("root", Hosts.PASSWORD)) {
            plain.path(TestSshServer.pathWithout(Files.createDirectories(dir.resolve("bin")), "sha256sum").toString());
            Hosts.trust(knownHosts, plain, hostKey);
            HostSession host = connector.connect(plain.address(), Hosts.password("root", Hosts.PASSWORD));
            Path remote = dir.resolve("host/plain");
            host.sendTree(local, remote.toString(), "image-1", Progress.NONE);
            assertThat(Trees.describe(remote, ".sealer-content")).isEqualTo(Trees.describe(local));
        }
    }

    @Test
    void aFailingExtractionSaysWhy() throws Exception {
        Path local = Trees.build(dir.resolve("local"), 10, 2_000_000);
        Path blocker = dir.resolve("host/file");
        Files.createDirectories(blocker.getParent());
        Files.writeString(blocker, "not a directory");
        Hosts.Events events = new Hosts.Events();
        assertThatThrownBy(() -> session.sendTree(local, blocker.resolve("rootfs").toString(), "image-1",
                Progress.to(events)))
                .isInstanceOf(HostException.class)
                .hasMessageContaining(server.address())
                .hasMessageContaining("Not a directory");
        assertThat(events.events.get(events.events.size() - 1)).isInstanceOf(ProgressEvent.Failed.class);
        assertThat(session.sendTree(local, dir.resolve("host/ok").toString(), "image-1", Progress.NONE).skipped())
                .isFalse();
    }

    @Test
    void singleFilesUpAndDown() throws Exception {
        Path local = dir.resolve("config.yaml");
        Files.writeString(local, "kind: Cluster\n");
        Files.setAttribute(local, "unix:mode", 0640);
        Path remote = dir.resolve("host/etc/new/dir/config.yaml");
        session.upload(local, remote.toString());
        assertThat(Trees.read(remote)).isEqualTo("kind: Cluster\n");
        assertThat((Integer) Files.getAttribute(remote, "unix:mode") & 0777).isEqualTo(0640);
        assertThat(siblings(remote)).containsExactly("config.yaml");

        Files.write(local, new byte[2_000_000]);
        session.upload(local, remote.toString());
        assertThat(Files.size(remote)).isEqualTo(2_000_000);

        Path back = dir.resolve("back/here/config.yaml");
        session.download(remote.toString(), back);
        assertThat(Files.readAllBytes(back)).isEqualTo(Files.readAllBytes(local));
        assertThatThrownBy(() -> session.download(dir.resolve("host/missing").toString(), dir.resolve("m")))
                .isInstanceOf(HostException.class).hasMessageContaining("missing");
        assertThat(dir.resolve("m")).doesNotExist();
        assertThat(siblings(back)).containsExactly("config.yaml");
    }

    private Hosts.Events dropOnProgress() {
        AtomicBoolean dropped = new AtomicBoolean();
        return new Hosts.Events() {
            @Override
            public void onEvent(ProgressEvent event) {
                super.onEvent(event);
                if (event instanceof ProgressEvent.Progressed && dropped.compareAndSet(false, true)) {
                    try {
                        server.dropSessions();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
    }

    private static void assertNoMarkerBeside(Path remote) throws IOException {
        if (!Files.isDirectory(remote.getParent())) {
            return;
        }
        try (Stream<Path> siblings = Files.list(remote.getParent())) {
            for (Path sibling : siblings.toList()) {
                if (!sibling.equals(remote)) {
                    assertThat(sibling.resolve(".sealer-content")).doesNotExist();
                }
            }
        }
    }

    private static List<String> siblings(Path path) throws IOException {
        try (Stream<Path> list = Files.list(path.getParent())) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
