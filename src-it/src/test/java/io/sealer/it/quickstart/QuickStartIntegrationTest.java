package io.sealer.it.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.it.support.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, as a user runs it: {@code sealer-examples/bin/quickstart} builds the docs' kyverno base
 * image and the nginx image on top, offline, with stand-in images from an OCI layout; a re-run reuses the cache.
 */
class QuickStartIntegrationTest {
    private static final Path SCRIPT = Path.of("../sealer-examples/bin/quickstart").toAbsolutePath().normalize();

    @TempDir
    Path work;

    @Test
    void theDocsWorkflowRunsOfflineAndARerunReusesTheBuildCache() throws IOException {
        Processes.Result first = run();
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        String output = first.stdoutText() + first.stderr();
        assertThat(output).contains("built kubernetes-kyverno:v1.19.8 (linux/amd64)",
                "built my-nginx-kubernetes:v1.19.8 (linux/amd64)", "type: BASE", "value: registry cache",
                "- ghcr.io/kyverno/kyverno:v1.5.1", "- docker.io/library/nginx:latest");
        assertThat(output.lines()).contains("library/nginx");
        assertThat(output).contains("cluster quickstart: create, image my-nginx-kubernetes:v1.19.8",
                "kubeadm init --config=/etc/kubernetes/kubeadm.yaml", "join-nodes/kubeadm-join@192.168.0.3");

        Path overlay = work.resolve("store/data/overlay2");
        try (Stream<Path> repositories = Files.find(overlay, 8, (p, a) -> a.isDirectory()
                && p.getParent().getFileName().toString().equals("kyverno")
                && p.getParent().getParent().getFileName().toString().equals("repositories"))) {
            assertThat(repositories.map(p -> p.getFileName().toString())).contains("kyverno", "kyvernopre");
        }

        Processes.Result again = run();
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stderr().lines().filter(l -> l.contains("using cached layer"))).hasSizeGreaterThan(3);
        assertThat(again.stderr()).doesNotContain("-> layer sha256");
    }

    private Processes.Result run() {
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", SCRIPT.toString(), work.toString()));
        Map<String, String> env = builder.environment();
        env.remove("SEALER_ROOT");
        env.put("SEALER_NO_REBUILD", "1");
        return Processes.run(builder);
    }
}
