package io.sealer.core.internal.apply.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.StoreException;
import io.sealer.core.internal.plan.Facts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    private static final String TOKEN = "abcdef.0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void recordsSurviveAReopen() {
        Path cluster = dir.resolve("clusters").resolve("c1");
        try (Journal journal = Journal.open(cluster, "fp1")) {
            assertThat(journal.done()).isEmpty();
            journal.markDone("init/kubeadm@10.0.0.1", Map.of(Facts.TOKEN, TOKEN, Facts.CA_HASH, "sha256:ab"));
            journal.markDone("join/node@10.0.0.2", Map.of());
            assertThat(journal.done()).containsExactlyInAnyOrder("init/kubeadm@10.0.0.1", "join/node@10.0.0.2");
        }
        try (Journal journal = Journal.open(cluster, "fp1")) {
            assertThat(journal.done()).containsExactlyInAnyOrder("init/kubeadm@10.0.0.1", "join/node@10.0.0.2");
            assertThat(journal.facts().values()).containsEntry(Facts.TOKEN, TOKEN)
                    .containsEntry(Facts.CA_HASH, "sha256:ab");
        }
    }

    @Test
    void theFileIsPrivateAndHoldsNoValueInClear() throws IOException {
        Path cluster = dir.resolve("c1");
        try (Journal journal = Journal.open(cluster, "fp1")) {
            journal.markDone("init@h", Map.of(Facts.TOKEN, TOKEN));
        }
        Path file = cluster.resolve(Journal.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cluster))).isEqualTo("rwx------");
        String text = Files.readString(file);
        assertThat(text).startsWith("plan fp1\n").contains("done init@h\n").doesNotContain(TOKEN);
    }

    @Test
    void aTornLastLineIsIgnoredAndCutOff() throws IOException {
        Path cluster = dir.resolve("c1");
        try (Journal journal = Journal.open(cluster, "fp1")) {
            journal.markDone("a", Map.of());
            journal.markDone("b", Map.of());
        }
        Path file = cluster.resolve(Journal.FILE);
        // a crash in the middle of the record of step c: its fact line is whole, its done line is not
        Files.writeString(file, "fact token ZGVm\ndone c", StandardOpenOption.APPEND);

        try (Journal journal = Journal.open(cluster, "fp1")) {
            assertThat(journal.done()).containsExactlyInAnyOrder("a", "b");
            assertThat(journal.facts().values()).doesNotContainKey("token");
            journal.markDone("d", Map.of());
        }
        try (Journal journal = Journal.open(cluster, "fp1")) {
            assertThat(journal.done()).containsExactlyInAnyOrder("a", "b", "d");
        }
        assertThat(Files.readAllLines(file)).containsExactly("plan fp1", "done a", "done b", "fact token ZGVm",
                "done d");
    }

    @Test
    void factsCountOnlyWithTheirDoneLine() throws IOException {
        Path cluster = dir.resolve("c1");
        try (Journal journal = Journal.open(cluster, "fp1")) {
            journal.markDone("a", Map.of());
        }
        Files.writeString(cluster.resolve(Journal.FILE), "fact token ZGVm\n", StandardOpenOption.APPEND);

        try (Journal journal = Journal.open(cluster, "fp1")) {
            assertThat(journal.facts().values()).isEmpty();
        }
    }

    @Test
    void aJournalOfAnotherPlanIsKeptAsideAndAFreshOneStarts() throws IOException {
        Path cluster = dir.resolve("c1");
        try (Journal journal = Journal.open(cluster, "fp1")) {
            journal.markDone("a", Map.of());
        }
        try (Journal journal = Journal.open(cluster, "fp2")) {
            assertThat(journal.done()).isEmpty();
            journal.markDone("x", Map.of());
        }
        assertThat(Files.readAllLines(cluster.resolve(Journal.FILE))).containsExactly("plan fp2", "done x");
        try (Stream<Path> files = Files.list(cluster)) {
            List<Path> abandoned = files.filter(p -> p.getFileName().toString().matches(
                    "journal\\.[0-9]{8}T[0-9]{9}Z(-[0-9]+)?\\.abandoned\\.log")).toList();
            assertThat(abandoned).hasSize(1);
            assertThat(Files.readAllLines(abandoned.get(0))).containsExactly("plan fp1", "done a");
        }
    }

    @Test
    void anEmptyOrTornFirstLineStartsAFreshJournalWithoutKeepingIt() throws IOException {
        Path cluster = dir.resolve("c1");
        Files.createDirectories(cluster);
        Files.writeString(cluster.resolve(Journal.FILE), "plan fp");

        try (Journal journal = Journal.open(cluster, "fp1")) {
            assertThat(journal.done()).isEmpty();
        }
        try (Stream<Path> files = Files.list(cluster)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(Journal.FILE,
                    Journal.LOCK);
        }
        assertThat(Files.readString(cluster.resolve(Journal.FILE))).isEqualTo("plan fp1\n");
    }

    @Test
    void aDamagedCompleteLineIsAnErrorNamingTheFile() throws IOException {
        Path cluster = dir.resolve("c1");
        try (Journal journal = Journal.open(cluster, "fp1")) {
            journal.markDone("a", Map.of());
        }
        Files.writeString(cluster.resolve(Journal.FILE), "dXne b\ndone c\n", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> Journal.open(cluster, "fp1")).isInstanceOf(StoreException.class)
                .hasMessageContaining(cluster.resolve(Journal.FILE).toString()).hasMessageContaining("line 3");
        // the failed open released the lock
        Files.writeString(cluster.resolve(Journal.FILE), "plan fp1\n");
        try (Journal journal = Journal.open(cluster, "fp1")) {
            assertThat(journal.done()).isEmpty();
        }
    }

    @Test
    void oneHolderAtATime() {
        Path cluster = dir.resolve("c1");
        try (Journal journal = Journal.open(cluster, "fp1")) {
            assertThatThrownBy(() -> Journal.open(cluster, "fp1")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("another apply of this cluster is running");
        }
        try (Journal journal = Journal.open(cluster, "fp1")) {
            assertThat(journal.done()).isEmpty();
        }
    }

    @Test
    void completeDeletesTheJournal() {
        Path cluster = dir.resolve("c1");
        Journal journal = Journal.open(cluster, "fp1");
        journal.markDone("a", Map.of());

        journal.complete();

        assertThat(cluster.resolve(Journal.FILE)).doesNotExist();
        assertThatThrownBy(() -> journal.markDone("b", Map.of())).isInstanceOf(IllegalStateException.class);
        try (Journal fresh = Journal.open(cluster, "fp1")) {
            assertThat(fresh.done()).isEmpty();
        }
    }

    @Test
    void recordsThatCannotBeParsedBackAreRefused() {
        try (Journal journal = Journal.open(dir.resolve("c1"), "fp1")) {
            assertThatThrownBy(() -> journal.markDone("a\nb", Map.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> journal.markDone("a", Map.of("two words", "v")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(journal.done()).isEmpty();
        }
    }

    @Test
    void concurrentRecordsAreAllKeptWhole() throws Exception {
        Path cluster = dir.resolve("c1");
        int threads = 16;
        int perThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Journal journal = Journal.open(cluster, "fp1")) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        journal.markDone("step-" + thread + "-" + i, Map.of("fact-" + thread + "-" + i,
                                "value " + thread + " " + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            assertThat(journal.done()).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
        try (Journal journal = Journal.open(cluster, "fp1")) {
            assertThat(journal.done()).hasSize(threads * perThread).contains("step-7-42");
            assertThat(journal.facts().values()).hasSize(threads * perThread)
                    .containsEntry("fact-7-42", "value 7 42");
        }
        List<String> lines = Files.readAllLines(cluster.resolve(Journal.FILE), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1 + 2 * threads * perThread);
        for (int n = 1; n < lines.size(); n += 2) {
            String fact = lines.get(n);
            String done = lines.get(n + 1);
            String id = done.substring("done step-".length());
            assertThat(fact).startsWith("fact fact-" + id + " ");
        }
    }
}
