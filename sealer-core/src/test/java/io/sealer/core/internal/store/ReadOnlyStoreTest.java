package io.sealer.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Platform;
import io.sealer.core.internal.NeedsRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store on read-only media (a read-only bind mount in a private mount namespace) can be listed and read. */
class ReadOnlyStoreTest {
    @TempDir
    Path tmp;

    @Test
    void aStoreOnReadOnlyMediaIsListedAndChangesFailWithAClearError() throws Exception {
        NeedsRoot.require(canBindReadOnly(), "unshare and a read-only bind mount");
        Path root = tmp.resolve("store");
        try (ImageStore store = ImageStore.open(root)) {
            Path dir = store.newStagingDir();
            Files.writeString(dir.resolve("hello"), "hi\n");
            StoredLayer layer = store.addLayer(dir);
            store.commit(new ClusterImage("app:1", null, Platform.LINUX_AMD64,
                    List.of(layer.toLayer("COPY", "hello .")), null, List.of(), null));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" "
                + "&& exec \"$1\" -cp \"$2\" \"$3\" \"$0\" app:1";
        Process child = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c", script,
                root.toString(), java, System.getProperty("java.class.path"), ReadOnlyStoreMain.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output.lines()).as(output).contains("IMAGE docker.io/library/app:1")
                .anyMatch(l -> l.startsWith("INSPECT sha256:"))
                .anySatisfy(l -> assertThat(l).startsWith("ERROR StoreException").contains(root.toString())
                        .contains("read-only"));
    }

    private boolean canBindReadOnly() throws InterruptedException {
        try {
            Path probe = Files.createDirectories(tmp.resolve("probe"));
            Process p = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c",
                    "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\"", probe.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
