package io.sealer.core.internal.apply.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.StoreException;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.core.internal.clusterfile.ClusterfileParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterStoreTest {
    private static final Pattern SEALED = Pattern.compile("sealer-enc:v1:([A-Za-z0-9+/=]+)");

    private final ClusterfileParser parser = new ClusterfileParser();

    @TempDir
    Path root;

    @Test
    void savedClusterComesBackTheSame() {
        ClusterStore store = new ClusterStore(root);
        Map<String, String> hostnames = Map.of("192.168.0.2", "master-0", "192.168.0.4", "node-0");

        store.save("every-field", ClusterfileWriterTest.EVERY_FIELD, hostnames);
        SavedCluster saved = store.load("every-field").orElseThrow();

        Clusterfile original = parser.parse("original", ClusterfileWriterTest.EVERY_FIELD);
        Clusterfile back = parser.parse("saved", saved.clusterfileYaml());
        assertThat(ClusterfileWriterTest.normalised(back)).isEqualTo(ClusterfileWriterTest.normalised(original));
        assertThat(back.cluster().ssh().password()).isEqualTo("000000");
        assertThat(back.cluster().registry().externalRegistry().password()).isEqualTo("0x1F");
        assertThat(saved.hostnames()).isEqualTo(hostnames);
        assertThat(saved.name()).isEqualTo("every-field");
        assertThat(saved.toString()).doesNotContain("000000");
    }

    @Test
    void theFileHoldsOnlySealedPasswordsEachWithItsOwnIv() throws IOException {
        ClusterStore store = new ClusterStore(root);
        store.save("every-field", ClusterfileWriterTest.EVERY_FIELD, Map.of());

        String text = Files.readString(store.clusterDir("every-field").resolve(ClusterStore.CLUSTERFILE));
        Matcher fields = Pattern.compile("(?m)^ *(passwd|pkPasswd|password): (.*)$").matcher(text);
        int secretFields = 0;
        while (fields.find()) {
            secretFields++;
            assertThat(fields.group(2)).startsWith("sealer-enc:v1:");
        }
        assertThat(secretFields).isEqualTo(6);
        assertThat(text).doesNotContain("it's: secret", "123456", "0x1F");
        List<String> sealed = new ArrayList<>();
        Matcher matcher = SEALED.matcher(text);
        while (matcher.find()) {
            sealed.add(matcher.group(1));
        }
        // spec.ssh passwd and pkPasswd, the two hosts' passwd, the local and the external registry's password
        assertThat(sealed).hasSize(6).doesNotHaveDuplicates();
        // the two "000000" of spec.ssh.passwd and hosts[1].ssh.passwd differ: a fresh IV each
        assertThat(text).contains("image: docker.io/sealerio/kubernetes:v1.22.15", "mysql-passwd: \"000000\"");
    }

    @Test
    void filesAndKeyArePrivate() throws IOException {
        ClusterStore store = new ClusterStore(root);
        store.save("c1", ClusterfileWriterTest.EVERY_FIELD, Map.of("192.168.0.2", "m0"));

        Path dir = store.clusterDir("c1");
        Path key = root.resolve("keys").resolve("clusterfile.key");
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(dir.resolve(ClusterStore.CLUSTERFILE))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve(ClusterStore.HOSTS))).isEqualTo("rw-------");
        assertThat(mode(key)).isEqualTo("rw-------");
        assertThat(mode(key.getParent())).isEqualTo("rwx------");
        assertThat(Files.size(key)).isEqualTo(32);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    ClusterStore.CLUSTERFILE, ClusterStore.HOSTS);
        }
    }

    @Test
    void anotherStoresKeyCannotOpenThePasswordsAndTheErrorNamesFileAndField() throws IOException {
        ClusterStore first = new ClusterStore(root.resolve("one"));
        first.save("c1", ClusterfileWriterTest.EVERY_FIELD, Map.of());
        ClusterStore second = new ClusterStore(root.resolve("two"));
        second.save("other", ClusterfileWriterTest.EVERY_FIELD, Map.of());
        Path copied = second.clusterDir("c1");
        Files.createDirectories(copied);
        Files.copy(first.clusterDir("c1").resolve(ClusterStore.CLUSTERFILE), copied.resolve(ClusterStore.CLUSTERFILE));

        assertThatThrownBy(() -> second.load("c1")).isInstanceOf(StoreException.class)
                .hasMessageContaining(copied.resolve(ClusterStore.CLUSTERFILE).toString())
                .hasMessageContaining("spec.ssh.passwd")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("000000"));
        assertThat(first.load("c1")).isPresent();
    }

    @Test
    void aChangedOrMovedValueDoesNotOpen() throws IOException {
        ClusterStore store = new ClusterStore(root);
        store.save("c1", ClusterfileWriterTest.EVERY_FIELD, Map.of());
        Path file = store.clusterDir("c1").resolve(ClusterStore.CLUSTERFILE);
        String text = Files.readString(file);
        Matcher matcher = SEALED.matcher(text);
        assertThat(matcher.find()).isTrue();
        String ssh = matcher.group();

        // the registry password sealed for another field
        String moved = text.replaceFirst("(password: )sealer-enc:v1:[A-Za-z0-9+/=]+", "$1" + Matcher.quoteReplacement(
                ssh));
        Files.writeString(file, moved);
        assertThatThrownBy(() -> store.load("c1")).isInstanceOf(StoreException.class)
                .hasMessageContaining("spec.registry.localRegistry.password");

        char[] chars = ssh.toCharArray();
        int last = chars.length - 5;
        chars[last] = chars[last] == 'A' ? 'B' : 'A';
        Files.writeString(file, text.replace(ssh, new String(chars)));
        assertThatThrownBy(() -> store.load("c1")).isInstanceOf(StoreException.class)
                .hasMessageContaining("spec.ssh.passwd");
    }

    @Test
    void hostileNamesAreRejectedAndNothingOutsideIsTouched() throws IOException {
        ClusterStore store = new ClusterStore(root.resolve("store"));
        Path outside = Files.createDirectories(root.resolve("store").resolve("precious"));
        Files.writeString(outside.resolve("file"), "keep me");
        List<String> hostile = List.of("", ".", "..", "../precious", "a/b", "a\\b", "/etc", "a..b", "-a", "a-",
                ".hidden", "a\0b", "a\nb", "a b", "x".repeat(254), "..%2f");
        for (String name : hostile) {
            assertThatThrownBy(() -> store.clusterDir(name)).as(name).isInstanceOf(StoreException.class);
            assertThatThrownBy(() -> store.remove(name)).as(name).isInstanceOf(StoreException.class);
            assertThatThrownBy(() -> store.save(name, ClusterfileWriterTest.EVERY_FIELD, Map.of())).as(name)
                    .isInstanceOf(StoreException.class);
        }
        assertThat(Files.readString(outside.resolve("file"))).isEqualTo("keep me");
        assertThat(store.clusterDir("my-cluster.v1_2")).isEqualTo(root.resolve("store").resolve("clusters")
                .resolve("my-cluster.v1_2"));
        assertThat(store.clusterDir("x".repeat(253)).getParent()).isEqualTo(root.resolve("store").resolve("clusters"));
    }

    @Test
    void listAndRemove() throws IOException {
        ClusterStore store = new ClusterStore(root);
        assertThat(store.list()).isEmpty();
        assertThat(store.load("nothing")).isEmpty();
        store.save("b-cluster", ClusterfileWriterTest.EVERY_FIELD, Map.of());
        store.save("a-cluster", ClusterfileWriterTest.EVERY_FIELD, Map.of());
        Files.createDirectories(root.resolve("clusters").resolve("not-saved"));

        assertThat(store.list()).containsExactly("a-cluster", "b-cluster");

        store.remove("b-cluster");
        assertThat(store.list()).containsExactly("a-cluster");
        assertThat(store.load("b-cluster")).isEmpty();
        assertThat(store.clusterDir("b-cluster")).doesNotExist();
        assertThat(store.load("a-cluster")).isPresent();
    }

    @Test
    void removingALinkedClusterDirectoryRemovesTheLinkOnly() throws IOException {
        ClusterStore store = new ClusterStore(root.resolve("store"));
        Path target = Files.createDirectories(root.resolve("elsewhere"));
        Files.writeString(target.resolve(ClusterStore.CLUSTERFILE), "kind: Cluster");
        Files.createDirectories(root.resolve("store").resolve("clusters"));
        Files.createSymbolicLink(store.clusterDir("linked"), target);

        store.remove("linked");

        assertThat(store.clusterDir("linked")).doesNotExist();
        assertThat(target.resolve(ClusterStore.CLUSTERFILE)).exists();
    }

    @Test
    void racingStoresEndUpWithOneKey() throws Exception {
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String name = "c" + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    new ClusterStore(root).save(name, ClusterfileWriterTest.EVERY_FIELD, Map.of());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        ClusterStore reader = new ClusterStore(root);
        for (int i = 0; i < racers; i++) {
            assertThat(reader.load("c" + i)).as("c" + i).isPresent();
        }
        try (Stream<Path> keys = Files.list(root.resolve("keys"))) {
            assertThat(keys.map(p -> p.getFileName().toString())).containsExactly("clusterfile.key");
        }
    }

    @Test
    void aSavedClusterIsReplacedWhole() {
        ClusterStore store = new ClusterStore(root);
        store.save("c1", ClusterfileWriterTest.EVERY_FIELD, Map.of("192.168.0.2", "old"));
        String smaller = """
                apiVersion: sealer.io/v2
                kind: Cluster
                metadata:
                  name: c1
                spec:
                  image: kubernetes:v1.22.15
                  ssh:
                    passwd: "987654"
                  hosts:
                    - ips: [ 10.0.0.1 ]
                      roles: [ master ]
                """;

        store.save("c1", smaller, Map.of("10.0.0.1", "new"));

        SavedCluster saved = store.load("c1").orElseThrow();
        assertThat(parser.parse("saved", saved.clusterfileYaml()).cluster().ssh().password()).isEqualTo("987654");
        assertThat(saved.hostnames()).containsExactly(Map.entry("10.0.0.1", "new"));
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
