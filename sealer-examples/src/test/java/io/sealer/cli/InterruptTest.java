package io.sealer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM (as Ctrl-C's SIGINT) during a build: the CLI says "interrupted" and leaves no temporary files behind. */
class InterruptTest {
    private static final String SLEEP = "sleep 61.25";

    @TempDir
    Path tmp;

    @Test
    void anInterruptedBuildSaysSoStopsItsCommandsAndCleansTheStore() throws Exception {
        Path context = Files.createDirectories(tmp.resolve("ctx/data"));
        Files.writeString(context.resolve("payload"), "x".repeat(10_000));
        Files.writeString(tmp.resolve("ctx/Kubefile"), "FROM scratch\nCOPY data data\nRUN " + SLEEP + "\n");
        Path store = tmp.resolve("store");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SealerCli.class.getName(), "--root", store.toString(), "build", "--no-image-cache", "-t", "slow:1",
                tmp.resolve("ctx").toString()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.contains("RUN " + SLEEP)) {
                lines.add(line);
            }
            assertThat(line).as(String.join("\n", lines)).isNotNull();
            List<ProcessHandle> sleeping = waitForDescendant(child);
            child.toHandle().destroy();
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (ProcessHandle process : sleeping) {
                assertThat(process.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
            }
        }
        assertThat(lines).contains("sealer: interrupted").noneMatch(l -> l.startsWith("sealer: ") && !l.equals(
                "sealer: interrupted"));
        try (Stream<Path> leftovers = Files.list(store.resolve("tmp"))) {
            assertThat(leftovers).isEmpty();
        }
    }

    /** The RUN's sleep, once the build has started it (its start is what the output line announced). */
    private static List<ProcessHandle> waitForDescendant(Process child) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            List<ProcessHandle> found = child.toHandle().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains(SLEEP)).toList();
            if (!found.isEmpty()) {
                return found;
            }
            Thread.onSpinWait();
            Thread.sleep(50);
        }
        throw new AssertionError("the RUN's sleep never started");
    }
}
