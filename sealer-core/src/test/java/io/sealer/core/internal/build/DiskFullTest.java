package io.sealer.core.internal.build;

import static org.assertj.core.api.Assertions.assertThat;
import io.sealer.core.internal.NeedsRoot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build that fills the disk fails with a typed error naming the path, and the store stays as it was. The store
 * lives on a 1 MiB tmpfs mounted in a private mount namespace of a child process (needs root, as CI has).
 */
class DiskFullTest {
    @TempDir
    Path tmp;

    @Test
    void diskFullDuringABuildIsATypedErrorAndLeavesTheStoreUnchanged() throws Exception {
        NeedsRoot.require(canMountTmpfs(), "unshare and mount of a tmpfs");
        Path small = context("small", 1_000);
        Path big = context("big", 4 * 1024 * 1024);
        Path store = Files.createDirectories(tmp.resolve("store"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "mount -t tmpfs -o size=1m tmpfs \"$0\" && exec \"$1\" -cp \"$2\" \"$3\" \"$0\" \"$4\" \"$5\"";
        Process child = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c", script,
                store.toString(), java, System.getProperty("java.class.path"), DiskFullMain.class.getName(),
                small.toString(), big.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        List<String> lines = output.lines().toList();
        assertThat(lines).as(output).anySatisfy(line -> assertThat(line)
                .startsWith("ERROR ")
                .containsAnyOf("BuildException", "StoreException")
                .contains("disk full")
                .contains(store.toString()));
        assertThat(lines).as(output).filteredOn(l -> l.startsWith("IMAGE ")).containsExactly(
                "IMAGE docker.io/library/small:1");
        assertThat(lines).as(output).contains("TMP 0", "REBUILT");
    }

    private Path context(String name, int bytes) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("Kubefile"), "FROM scratch\nCOPY data data\n");
        Files.createDirectories(dir.resolve("data"));
        Files.write(dir.resolve("data/blob.bin"), new byte[bytes]);
        return dir;
    }

    private boolean canMountTmpfs() throws InterruptedException {
        try {
            Path probe = Files.createDirectories(tmp.resolve("probe"));
            Process p = new ProcessBuilder("unshare", "-m", "--propagation", "private", "mount", "-t", "tmpfs",
                    "tmpfs", probe.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
