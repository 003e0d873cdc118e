package io.sealer.core.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoHelpersTest {
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path tmp;

    @Test
    void digestsInHexAndIdForm() {
        assertThat(Digests.sha256Hex("abc")).isEqualTo(ABC);
        assertThat(Digests.sha256Id("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo("sha256:" + ABC);
        var digest = Digests.sha256();
        digest.update("ab".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        digest.update((byte) 'c');
        assertThat(Digests.idOf(digest)).isEqualTo(Digests.sha256Id("abc"));
    }

    @Test
    void deleteRemovesLinksWithoutFollowingThem() throws IOException {
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "keep");
        Path tree = Files.createDirectories(tmp.resolve("tree/a/b"));
        Files.writeString(tree.resolve("f"), "x");
        Files.createSymbolicLink(tree.resolve("link"), outside);
        tree.toFile().setWritable(false);

        Trees.deleteRecursively(tmp.resolve("tree"));
        Trees.deleteRecursively(tmp.resolve("tree"));
        Trees.deleteQuietly(tmp.resolve("never-there"));

        assertThat(tmp.resolve("tree")).doesNotExist();
        assertThat(outside).hasContent("keep");
    }

    @Test
    void atomicWritesReplaceTheTargetAndLeaveNoPartFile() throws IOException {
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        AtomicInteger n = new AtomicInteger();
        AtomicFiles files = new AtomicFiles(scratch, () -> "part-" + n.incrementAndGet());
        Path target = tmp.resolve("meta/index.json");

        files.write(target, "one".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        files.write(target, "two".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(target).hasContent("two");
        assertThat(scratch).isEmptyDirectory();
        Path blocker = Files.writeString(tmp.resolve("file"), "not a directory");
        assertThatThrownBy(() -> files.write(blocker.resolve("x"), new byte[1])).isInstanceOf(StoreException.class)
                .hasMessageContaining(blocker.toString()).hasMessageContaining("writing failed");
        assertThat(scratch).isEmptyDirectory();
    }
}
