package io.sealer.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test trees: building one with every kind of entry, and describing a tree entry by entry to compare two. */
final class Trees {
    private Trees() {
    }

    /**
     * Builds a tree of {@code files} small files in nested directories, plus empty directories, symlinks (relative,
     * absolute, dangling, to a directory), odd modes, a long and a non-ASCII name, an empty file and one of
     * {@code bigBytes}.
     */
    static Path build(Path root, int files, int bigBytes) throws IOException {
        Random random = new Random(42);
        Files.createDirectories(root);
        for (int i = 0; i < files; i++) {
            Path file = root.resolve("d" + (i % 7)).resolve("sub" + (i % 3)).resolve("f" + i + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "file " + i + "\n".repeat(i % 5));
        }
        Files.createDirectories(root.resolve("empty/deeper/still-empty"));
        Files.createDirectories(root.resolve("empty-too"));
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.writeString(bin.resolve("tool"), "#!/bin/sh\necho tool\n");
        Files.setAttribute(bin.resolve("tool"), "unix:mode", 0755);
        Files.writeString(bin.resolve("private"), "secret stuff");
        Files.setAttribute(bin.resolve("private"), "unix:mode", 0600);
        Files.writeString(bin.resolve("setuid"), "x");
        Files.setAttribute(bin.resolve("setuid"), "unix:mode", 04755);
        Files.createSymbolicLink(bin.resolve("relative-link"), Path.of("tool"));
        Files.createSymbolicLink(bin.resolve("absolute-link"), Path.of("/etc/hostname"));
        Files.createSymbolicLink(bin.resolve("dangling"), Path.of("../nowhere/at/all"));
        Files.createSymbolicLink(root.resolve("dir-link"), Path.of("d1"));
        Files.writeString(root.resolve("a".repeat(120) + ".long-name"), "long");
        Files.createDirectories(root.resolve("deep/" + "x".repeat(90) + "/" + "y".repeat(90)));
        Files.writeString(root.resolve("deep/" + "x".repeat(90) + "/" + "y".repeat(90) + "/z.txt"), "deep");
        Files.writeString(root.resolve("grüße ☃.txt"), "unicode");
        Files.writeString(root.resolve("with space & 'quote'"), "odd");
        Files.createFile(root.resolve("empty-file"));
        byte[] big = new byte[bigBytes];
        random.nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        return root;
    }

    /** Every entry of {@code root}: path to type, mode, mtime (seconds) and content hash or link target. */
    static Map<String, String> describe(Path root, String... ignored) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                String name = root.relativize(path).toString();
                if (java.util.Arrays.asList(ignored).contains(name)) {
                    continue;
                }
                int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
                FileTime mtime = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
                String what;
                if (Files.isSymbolicLink(path)) {
                    what = "link " + Files.readSymbolicLink(path);
                } else if (Files.isDirectory(path)) {
                    what = "dir " + Integer.toOctalString(mode) + (name.isEmpty() ? ""
                            : " " + mtime.toInstant().getEpochSecond());
                } else {
                    what = "file " + Integer.toOctalString(mode) + " " + mtime.toInstant().getEpochSecond() + " "
                            + sha256(Files.readAllBytes(path));
                }
                entries.put(name, what);
            }
        }
        return entries;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
