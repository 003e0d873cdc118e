package io.sealer.benchmarks.registry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/** File-tree helpers of the benchmark. */
final class Trees {
    private Trees() {
    }

    /** Deletes a directory tree if it exists. */
    static void delete(Path dir) throws IOException {
        io.sealer.core.internal.io.Trees.deleteRecursively(dir);
    }

    /**
     * Frees a finished run's output without freeing its inodes: every regular file is truncated to nothing and the
     * (empty) tree is left for the end of the benchmark. On ext4 without a journal (this machine's) a deleted inode is
     * not reused for 60 s (360 s while its inode table block is not written back): every inode the next run creates
     * first steps over each one deleted in that time, in its block group, so deleting the runs' outputs between
     * repetitions made every run pay for the ones before it, in proportion to the inodes it creates.
     */
    static void empty(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.truncate(0);
                    }
                }
            }
        }
    }

    /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or "?" where there is none. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
