package io.sealer.benchmarks.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** File-tree helpers of the benchmark. */
final class Trees {
    private Trees() {
    }

    /** Deletes a directory tree if it exists. */
    static void delete(Path dir) throws IOException {
        io.sealer.core.internal.io.Trees.deleteRecursively(dir);
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
