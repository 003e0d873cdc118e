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

/**
 * SIGTERM (as Ctrl-C's SIGINT) during a build, after a chart was rendered (the native Helm library's Go runtime takes
 * the signals over): the CLI says "interrupted", stops the RUN and leaves no temporary files behind.
 */
class InterruptTest {
    private static final String SLEEP = "sleep 61.25";

    @TempDir
    Path tmp;

    @Test
    void anInterruptedBuildSaysSoStopsItsCommandsAndCleansTheStore() throws Exception {
        Path context = Files.createDirectories(tmp.resolve("ctx/charts/web/templates"));
        Files.writeString(context.getParent().resolve("Chart.yaml"), "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        Files.writeString(context.resolve("pod.yaml"), "kind: Pod\nspec:\n  containers:\n"
                + "  - image: {{ .Values.image | default \"nginx:1.25\" }}\n");
        // linux/amd64 first: its chart is rendered (the Go runtime of the native Helm library starts), then the
        // linux/arm64 RUN sleeps until the signal comes
        Files.writeString(tmp.resolve("ctx/Kubefile"), "FROM scratch\nCOPY charts charts\n"
                + "RUN [ \"$ARCH\" = arm64 ] && " + SLEEP + " || true\n");
        Path store = tmp.resolve("store");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SealerCli.class.getName(), "--root", store.toString(), "build", "--no-image-cache", "-t", "slow:1",
                "--platform", "linux/amd64,linux/arm64", tmp.resolve("ctx").toString())
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            boolean secondPlatform = false;
            while ((line = out.readLine()) != null && !(secondPlatform && line.contains("RUN "))) {
                secondPlatform |= line.contains("for linux/arm64");
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
