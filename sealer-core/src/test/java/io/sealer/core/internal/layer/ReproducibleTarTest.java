package io.sealer.core.internal.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproducibleTarTest {
    @TempDir
    Path tmp;

    private static void file(Path root, String name, String content, String perms) throws IOException {
        Path p = root.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    /** The fixed tree used by the golden-id test. */
    static Path goldenTree(Path root) throws IOException {
        Files.createDirectories(root);
        file(root, "etc/hosts", "127.0.0.1 localhost\n", "rw-r--r--");
        file(root, "bin/run", "#!/bin/sh\necho hi\n", "rwxr-xr-x");
        Files.createSymbolicLink(root.resolve("link"), Path.of("etc/hosts"));
        Files.createDirectories(root.resolve("empty"));
        return root;
    }

    private static List<TarArchiveEntry> entries(byte[] tar) throws IOException {
        List<TarArchiveEntry> out = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar), "UTF-8")) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.add(e);
            }
        }
        return out;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void goldenIdForATinyTree() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerDigest digest = ReproducibleTar.write(goldenTree(tmp.resolve("golden")), out);

        assertThat(digest.id()).isEqualTo(sha256(out.toByteArray()));
        assertThat(digest.size()).isEqualTo(out.size());
        // pinned: checked once with GNU tar (entries, 0/0 owners, 1970 mtimes) and sha256sum
        assertThat(digest.id())
                .isEqualTo("sha256:1fad972b5587033f73c5c2c6262bca550ec51ab1c927df8d5b0af5a6d807805b");
        assertThat(digest.size()).isEqualTo(5120);
    }

    @Test
    void headersAreNormalisedAndSortedByName() throws Exception {
        Path root = tmp.resolve("tree");
        file(root, "b", "b", "rw-------");
        file(root, "a/c", "c", "rwx------");
        file(root, "a-b", "x", "rw-rw-rw-");
        Files.setLastModifiedTime(root.resolve("b"), FileTime.fromMillis(1_700_000_000_000L));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReproducibleTar.write(root, out);

        List<TarArchiveEntry> entries = entries(out.toByteArray());
        assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly("a-b", "a/", "a/c", "b");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.getModTime().getTime()).isZero();
            assertThat(e.getLongUserId()).isZero();
            assertThat(e.getLongGroupId()).isZero();
            assertThat(e.getUserName()).isEmpty();
            assertThat(e.getGroupName()).isEmpty();
        });
        assertThat(entries).extracting(e -> e.getMode() & 07777).containsExactly(0644, 0755, 0755, 0644);
    }

    @Test
    void sameContentWithOtherTimesPermissionsAndCreationOrderHasTheSameId() throws Exception {
        Path one = tmp.resolve("one");
        file(one, "x/y/z.txt", "zzz", "rw-r--r--");
        file(one, "a.sh", "#!/bin/sh", "rwxr-xr-x");
        file(one, "m", "m", "rw-r--r--");
        Path two = tmp.resolve("two");
        file(two, "m", "m", "rw-------");
        file(two, "a.sh", "#!/bin/sh", "r-x------");
        file(two, "x/y/z.txt", "zzz", "rw-rw-r--");
        Files.setLastModifiedTime(two.resolve("m"), FileTime.fromMillis(12345));
        Files.setLastModifiedTime(two.resolve("x"), FileTime.fromMillis(999_999_999L));
        Files.setPosixFilePermissions(two.resolve("x"), PosixFilePermissions.fromString("rwx------"));
        if (isRoot()) {
            Files.setAttribute(two.resolve("m"), "unix:uid", 4321, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(two.resolve("x/y"), "unix:gid", 4321, LinkOption.NOFOLLOW_LINKS);
        }

        assertThat(ReproducibleTar.digest(two)).isEqualTo(ReproducibleTar.digest(one));
        file(two, "m", "M", "rw-r--r--");
        assertThat(ReproducibleTar.digest(two).id()).isNotEqualTo(ReproducibleTar.digest(one).id());
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    @Test
    void emptyDirectoryHasNoIdAndWritesNothing() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        LayerDigest digest = ReproducibleTar.write(empty, out);

        assertThat(digest).isEqualTo(LayerDigest.EMPTY);
        assertThat(digest.isEmpty()).isTrue();
        assertThat(out.size()).isZero();
    }

    @Test
    void symlinksHardlinksWhiteoutsAndLongNamesSurviveARoundTrip() throws Exception {
        Path root = tmp.resolve("src");
        file(root, "data/first", "shared content", "rw-r--r--");
        Files.createLink(root.resolve("data/second"), root.resolve("data/first"));
        Files.createSymbolicLink(root.resolve("abs"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("../nowhere/at/all"));
        file(root, "gone/" + Whiteouts.whiteoutFor("old.txt"), "", "rw-r--r--");
        file(root, "opaque/" + Whiteouts.OPAQUE, "", "rw-r--r--");
        String longName = "deep/" + "d".repeat(120) + "/f\u00e9-" + "n".repeat(90) + ".txt";
        file(root, longName, "long", "rw-r--r--");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerDigest digest = ReproducibleTar.write(root, out);
        List<TarArchiveEntry> entries = entries(out.toByteArray());

        TarArchiveEntry second = entries.stream().filter(e -> e.getName().equals("data/second")).findFirst()
                .orElseThrow();
        assertThat(second.isLink()).isTrue();
        assertThat(second.getLinkName()).isEqualTo("data/first");
        assertThat(entries).filteredOn(e -> e.getName().equals("abs"))
                .singleElement().satisfies(e -> {
                    assertThat(e.isSymbolicLink()).isTrue();
                    assertThat(e.getLinkName()).isEqualTo("/etc/passwd");
                    assertThat(e.getMode() & 07777).isEqualTo(0777);
                });
        assertThat(entries).extracting(TarArchiveEntry::getName)
                .contains("gone/.wh.old.txt", "opaque/.wh..wh..opq", longName);

        Path copy = Files.createDirectories(tmp.resolve("copy"));
        LayerDigest read = LayerExtractor.extractVerified(new ByteArrayInputStream(out.toByteArray()), copy,
                digest.id());
        assertThat(read).isEqualTo(digest);
        assertThat(Files.readSymbolicLink(copy.resolve("dangling"))).isEqualTo(Path.of("../nowhere/at/all"));
        assertThat(Files.isSameFile(copy.resolve("data/first"), copy.resolve("data/second"))).isTrue();
        assertThat(Files.readString(copy.resolve(longName), StandardCharsets.UTF_8)).isEqualTo("long");
        assertThat(Files.size(copy.resolve("gone/.wh.old.txt"))).isZero();
        assertThat(ReproducibleTar.digest(copy)).isEqualTo(digest);
    }
}
