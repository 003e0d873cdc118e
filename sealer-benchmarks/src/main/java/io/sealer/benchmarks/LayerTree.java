package io.sealer.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A generated, rootfs-like layer directory with a mix of file sizes: a few large binaries, some medium files and many
 * small configuration-sized files, spread over nested directories, plus a few symbolic links. Contents are
 * pseudo-random (seeded, so every run hashes the same bytes).
 *
 * @param root the layer directory
 * @param files the regular files, in a stable order
 * @param payloadBytes the sum of the regular files' sizes
 */
record LayerTree(Path root, List<Path> files, long payloadBytes) {
    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    /** One group of files of a similar size. */
    private record Group(String dir, int count, int minSize, int maxSize) {
    }

    /** About 98 MiB in ~3,100 files. */
    private static final List<Group> MIX = List.of(
            new Group("usr/bin", 4, 16 * MIB, 16 * MIB),
            new Group("usr/lib", 48, 384 * KIB, 640 * KIB),
            new Group("usr/share/data", 1024, 4 * KIB, 12 * KIB),
            new Group("etc/conf", 2048, 100, 2 * KIB));

    static LayerTree generate(Path root) {
        SplittableRandom random = new SplittableRandom(20240601L);
        List<Path> files = new ArrayList<>();
        long total = 0;
        byte[] chunk = new byte[MIB];
        try {
            for (Group group : MIX) {
                for (int i = 0; i < group.count(); i++) {
                    Path dir = root.resolve(group.dir()).resolve("d" + (i % 32));
                    Files.createDirectories(dir);
                    Path file = dir.resolve("file-" + i + ".bin");
                    int size = group.minSize() + random.nextInt(group.maxSize() - group.minSize() + 1);
                    write(file, size, random, chunk);
                    if (i % 7 == 0) {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                    files.add(file);
                    total += size;
                }
            }
            Path links = Files.createDirectories(root.resolve("usr/local/bin"));
            for (int i = 0; i < 16; i++) {
                Files.createSymbolicLink(links.resolve("link-" + i), Path.of("../../bin/d" + i + "/file-" + i + ".bin"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LayerTree(root, List.copyOf(files), total);
    }

    private static void write(Path file, int size, SplittableRandom random, byte[] chunk) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            int left = size;
            while (left > 0) {
                int n = Math.min(left, chunk.length);
                random.nextBytes(chunk);
                out.write(chunk, 0, n);
                left -= n;
            }
        }
    }
}
