package io.sealer.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Platform;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a process that is committing images and checks that the store it leaves behind is sound. */
class StoreCrashTest {
    @TempDir
    Path tmp;

    @Test
    void aKilledWriterLeavesOnlyCompleteImages() throws Exception {
        Path root = tmp.resolve("store");
        for (int round = 1; round <= 4; round++) {
            runAndKill(root, round);
            try (ImageStore store = ImageStore.open(root)) {
                assertThat(store.list()).isNotEmpty();
                StoreChecks.assertComplete(store);

                StoredLayer layer = StoreFixtures.layer(store, Map.of("after-crash", Integer.toString(round)));
                ClusterImage committed = store.commit(
                        StoreFixtures.image("after/crash:v" + round, Platform.LINUX_AMD64, layer));
                assertThat(store.find("after/crash:v" + round, Optional.empty())).contains(committed);
                store.prune();
                StoreChecks.assertComplete(store);
                try (Stream<Path> leftovers = Files.list(store.paths().tmp())) {
                    assertThat(leftovers).as("temporary files of the killed process").isEmpty();
                }
            }
        }
    }

    /**
     * Commits and garbage-collects from this process while the child is busy: the inter-process lock and the
     * child's leases on its not yet committed layers must keep both sides sound (a layer pruned under the child's
     * feet would make its commit fail, and the child would stop before printing its next line).
     */
    private static void writeWhileTheChildRuns(Path root, int round, int commit) {
        try (ImageStore store = ImageStore.open(root)) {
            StoredLayer layer = StoreFixtures.layer(store, Map.of("parent", round + "/" + commit));
            store.commit(StoreFixtures.image("parent/app:v" + commit, Platform.LINUX_AMD64, layer));
            store.prune();
            assertThat(store.find("parent/app:v" + commit, Optional.empty())).isPresent();
        }
    }

    /** Starts the child, waits for its {@code round}-th commit, then kills it at whatever it is doing. */
    private void runAndKill(Path root, int round) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), StoreCrashChild.class.getName(), root.toString(),
                Integer.toString(round))
                .redirectError(tmp.resolve("child-" + round + ".err").toFile());
        Process child = builder.start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int commits = 0;
            String line;
            while (commits < round && (line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    commits++;
                    writeWhileTheChildRuns(root, round, commits);
                }
            }
            assertThat(commits).as("commits before the kill, see %s", "child-" + round + ".err")
                    .isEqualTo(round);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        List<String> errors = Files.readAllLines(tmp.resolve("child-" + round + ".err"));
        assertThat(errors).noneMatch(l -> l.contains("Exception"));
    }
}
