package io.sealer.ssh.internal.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarStreamWriterTest {
    @TempDir
    Path dir;

    @Test
    void theDigestIsTheStreamsAndStable() throws Exception {
        Path root = tree();
        LocalTree tree = LocalTree.scan(root, (p, why) -> { });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarStreamWriter.Written written = TarStreamWriter.write(tree, out, null, done -> { });
        assertThat(written.streamBytes()).isEqualTo(out.size());
        assertThat(out.size() % 512).isZero();
        assertThat(written.digest()).isEqualTo("sha256:" + sha256(out.toByteArray()));
        TarStreamWriter.Written again = TarStreamWriter.write(LocalTree.scan(root, (p, why) -> { }),
                java.io.OutputStream.nullOutputStream(), null, done -> { });
        assertThat(again.digest()).isEqualTo(written.digest());
        Files.setLastModifiedTime(root.resolve("a.txt"), FileTime.fromMillis(1_000_000_000_000L));
        assertThat(TarStreamWriter.write(LocalTree.scan(root, (p, why) -> { }), java.io.OutputStream.nullOutputStream(),
                null, done -> { }).digest()).isNotEqualTo(written.digest());
    }

    @Test
    void theFingerprintChangesWithAnyEntryButNotWithoutOne() throws Exception {
        Path root = tree();
        String before = LocalTree.scan(root, (p, why) -> { }).fingerprint();
        assertThat(LocalTree.scan(root, (p, why) -> { }).fingerprint()).isEqualTo(before);
        Files.writeString(root.resolve("sub/b.txt"), "same size!");
        assertThat(LocalTree.scan(root, (p, why) -> { }).fingerprint()).isNotEqualTo(before);
    }

    @Test
    void gnuTarReadsItAsRootOwnedEntries() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")));
        Path root = tree();
        Path archive = dir.resolve("tree.tar");
        try (var out = Files.newOutputStream(archive)) {
            TarStreamWriter.write(LocalTree.scan(root, (p, why) -> { }), out, null, done -> { });
        }
        Process tar = new ProcessBuilder("tar", "--numeric-owner", "-tvf", archive.toString())
                .redirectErrorStream(true).start();
        String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(listing).isZero();
        List<String> names = new ArrayList<>();
        for (String line : listing.split("\n")) {
            assertThat(line).contains(" 0/0 ");
            names.add(line.substring(line.indexOf(':') + 4));
        }
        assertThat(names).containsExactly("./", "a.txt", "link -> a.txt", "sub/", "sub/b.txt",
                "sub/" + "n".repeat(150));
    }

    @Test
    void theMarkerAndSpecialFilesAreLeftOut() throws Exception {
        Path root = tree();
        Files.writeString(root.resolve(LocalTree.MARKER), "contentId=x\n");
        List<String> skipped = new ArrayList<>();
        LocalTree tree = LocalTree.scan(root, (p, why) -> skipped.add(p.getFileName().toString()));
        assertThat(skipped).containsExactly(LocalTree.MARKER);
        assertThat(tree.entries()).extracting(LocalTree.Entry::name).doesNotContain(LocalTree.MARKER);
        assertThat(tree.files()).isEqualTo(3);
    }

    private Path tree() throws IOException {
        Path root = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(root.resolve("a.txt"), "a");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/b.txt"), "bbbbbbbbbb");
        Files.writeString(root.resolve("sub/" + "n".repeat(150)), "long");
        Files.createSymbolicLink(root.resolve("link"), Path.of("a.txt"));
        return root;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
