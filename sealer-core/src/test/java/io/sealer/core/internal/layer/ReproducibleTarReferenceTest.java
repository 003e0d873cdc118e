package io.sealer.core.internal.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins {@link ReproducibleTar}'s bytes to those of a plain commons-compress writer (full scan, sort by UTF-8 name
 * bytes, one {@link TarArchiveOutputStream} with PAX for long and non-ASCII names) over a varied tree.
 */
class ReproducibleTarReferenceTest {
    @TempDir
    Path tmp;

    private final SplittableRandom random = new SplittableRandom(42);

    @Test
    void bytesMatchAPlainCommonsCompressWriterOverAVariedTree() throws Exception {
        Path root = variedTree(tmp.resolve("tree"));

        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        LayerDigest digest = ReproducibleTar.write(root, actual);
        byte[] expected = reference(root);

        assertThat(actual.size()).isEqualTo(expected.length);
        assertThat(Arrays.mismatch(actual.toByteArray(), expected)).as("first differing byte").isEqualTo(-1);
        assertThat(digest.id()).isEqualTo(sha256(expected));
        assertThat(digest.size()).isEqualTo(expected.length);
        assertThat(ReproducibleTar.digest(root)).isEqualTo(digest);
    }

    @Test
    void manyEntriesAcrossBatchesKeepTheReferenceOrder() throws Exception {
        Path root = tmp.resolve("many");
        for (int d = 0; d < 12; d++) {
            for (int f = 0; f < 40; f++) {
                write(root.resolve("dir" + d + (d % 3 == 0 ? "-x" : "") + "/f" + f), random.nextInt(3000));
            }
        }
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        ReproducibleTar.write(root, actual);

        assertThat(Arrays.mismatch(actual.toByteArray(), reference(root))).isEqualTo(-1);
    }

    @Test
    void aFailingOutputIsReportedAndTheScanStops() throws Exception {
        Path root = tmp.resolve("fail");
        for (int f = 0; f < 300; f++) {
            write(root.resolve("d" + (f % 10) + "/f" + f), 200_000);
        }
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };

        assertThatThrownBy(() -> ReproducibleTar.write(root, broken))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("disk full");
        assertThat(ReproducibleTar.digest(root).id()).isEqualTo(sha256(reference(root)));
    }

    @Test
    void anUnsupportedFileInTheTreeFailsTheWriteWithItsPath() throws Exception {
        Path root = tmp.resolve("fifo");
        write(root.resolve("a/file"), 10);
        Path fifo = root.resolve("b/pipe");
        Files.createDirectories(fifo.getParent());
        assertThat(run("mkfifo", fifo.toString())).isTrue();

        assertThatThrownBy(() -> ReproducibleTar.write(root, OutputStream.nullOutputStream()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(fifo.toString())
                .hasMessageContaining("unsupported file type");
    }

    private Path variedTree(Path root) throws IOException, InterruptedException {
        // sizes around the record and the copy buffer
        long[] sizes = {0, 1, 511, 512, 513, 1023, 4096, 65_535, 131_071, 131_072, 131_073, 300_001, 1_048_576 + 7};
        for (int i = 0; i < sizes.length; i++) {
            write(root.resolve("files/size-" + sizes[i]), sizes[i]);
        }
        Files.setPosixFilePermissions(root.resolve("files/size-511"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.setPosixFilePermissions(root.resolve("files/size-0"), PosixFilePermissions.fromString("rw-------"));
        // names ordered by bytes below, at and above '/'
        for (String name : List.of("a+", "a-b", "a.b", "a!", "a0", "a~")) {
            write(root.resolve("order/" + name), 3);
        }
        write(root.resolve("order/a/inner"), 5);
        write(root.resolve("order/a.b.dir/x"), 5);
        // UTF-16 and UTF-8 orders differ for these
        write(root.resolve("unicode/\uff5e"), 4);
        write(root.resolve("unicode/\ud83d\ude00"), 4);
        write(root.resolve("unicode/f\u00e9"), 4);
        write(root.resolve("unicode/\u00e9\u00e9/nested"), 4);
        // names at and around the 100-byte ustar limit, and long ones
        write(root.resolve("long/" + "n".repeat(94)), 1);
        write(root.resolve("long/" + "m".repeat(95)), 1);
        write(root.resolve("long/" + "o".repeat(96)), 1);
        write(root.resolve("long/" + "d".repeat(150) + "/" + "f".repeat(120)), 2000);
        write(root.resolve("long/" + "\u00e9".repeat(60)), 7);
        Files.createDirectories(root.resolve("long/" + "e".repeat(98)));
        // symbolic links: plain, absolute, dangling, long and non-ASCII targets
        Path links = Files.createDirectories(root.resolve("links"));
        Files.createSymbolicLink(links.resolve("rel"), Path.of("../files/size-512"));
        Files.createSymbolicLink(links.resolve("abs"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(links.resolve("dangling"), Path.of("../nowhere/at/all"));
        Files.createSymbolicLink(links.resolve("long-target"), Path.of("../" + "t".repeat(130)));
        Files.createSymbolicLink(links.resolve("unicode-target"), Path.of("../unicode/f\u00e9"));
        Files.createSymbolicLink(links.resolve("dir-link"), Path.of("../files"));
        // hard links, also with long names on either side
        Files.createLink(root.resolve("links/hard-to-big"), root.resolve("files/size-300001"));
        Files.createLink(root.resolve("a-first-hardlink"), root.resolve("files/size-513"));
        Files.createLink(root.resolve("links/" + "h".repeat(110)), root.resolve("files/size-4096"));
        Files.createLink(root.resolve("links/to-long"), root.resolve("long/" + "\u00e9".repeat(60)));
        // whiteouts as files, empty files and directories
        write(root.resolve("gone/" + Whiteouts.whiteoutFor("old.txt")), 0);
        write(root.resolve("opaque/" + Whiteouts.OPAQUE), 0);
        Files.createDirectories(root.resolve("empty/deeper/still"));
        write(root.resolve("empty-file"), 0);
        // an overlay whiteout (character device 0/0), where this machine allows making one
        Path device = root.resolve("overlay/removed");
        Files.createDirectories(device.getParent());
        run("mknod", device.toString(), "c", "0", "0");
        return root;
    }

    private void write(Path file, long size) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            long left = size;
            while (left > 0) {
                int n = (int) Math.min(left, chunk.length);
                random.nextBytes(chunk);
                out.write(chunk, 0, n);
                left -= n;
            }
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    // ------------------------------------------------------------------------------------------ reference writer

    private record Item(String name, Path path, PosixFileAttributes attrs) {
    }

    /** The straightforward writer: list everything, sort by name bytes, one TarArchiveOutputStream. */
    private static byte[] reference(Path root) throws IOException {
        List<Item> items = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                if (path.equals(root)) {
                    continue;
                }
                PosixFileAttributes attrs =
                        Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String relative = root.relativize(path).toString();
                String name = attrs.isDirectory() ? relative + "/" : relative;
                if (attrs.isOther()) {
                    Path parent = Path.of(relative).getParent();
                    String whiteout = Whiteouts.whiteoutFor(path.getFileName().toString());
                    name = parent == null ? whiteout : parent + "/" + whiteout;
                }
                items.add(new Item(name, path, attrs));
            }
        }
        items.sort((a, b) -> Arrays.compareUnsigned(
                a.name().getBytes(StandardCharsets.UTF_8), b.name().getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        Map<Object, String> firstNames = new HashMap<>();
        for (Item item : items) {
            PosixFileAttributes attrs = item.attrs();
            TarArchiveEntry entry;
            boolean content = false;
            if (attrs.isDirectory()) {
                entry = new TarArchiveEntry(item.name(), TarConstants.LF_DIR);
                entry.setMode(040755);
            } else if (attrs.isSymbolicLink()) {
                entry = new TarArchiveEntry(item.name(), TarConstants.LF_SYMLINK);
                entry.setLinkName(Files.readSymbolicLink(item.path()).toString());
                entry.setMode(0120777);
            } else if (attrs.isOther()) {
                entry = new TarArchiveEntry(item.name(), TarConstants.LF_NORMAL);
                entry.setMode(0100644);
            } else {
                int mode = attrs.permissions().stream().anyMatch(p -> p == PosixFilePermission.OWNER_EXECUTE
                        || p == PosixFilePermission.GROUP_EXECUTE || p == PosixFilePermission.OTHERS_EXECUTE)
                        ? 0755 : 0644;
                String first = firstNames.putIfAbsent(attrs.fileKey(), item.name());
                if (first != null) {
                    entry = new TarArchiveEntry(item.name(), TarConstants.LF_LINK);
                    entry.setLinkName(first);
                } else {
                    entry = new TarArchiveEntry(item.name(), TarConstants.LF_NORMAL);
                    entry.setSize(attrs.size());
                    content = true;
                }
                entry.setMode(0100000 | mode);
            }
            entry.setModTime(0L);
            entry.setIds(0, 0);
            entry.setUserName("");
            entry.setGroupName("");
            tar.putArchiveEntry(entry);
            if (content) {
                try (InputStream in = Files.newInputStream(item.path())) {
                    in.transferTo(tar);
                }
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
        return bytes.toByteArray();
    }
}
