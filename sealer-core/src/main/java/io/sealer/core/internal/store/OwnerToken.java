package io.sealer.core.internal.store;

import java.util.Optional;
import java.util.UUID;

/**
 * Names temporary files and leases after the process that owns them ({@code <pid>-<start millis>.<random>}), so any
 * process can tell whether the owner is still running and clean up after one that died.
 */
final class OwnerToken {
    private final String token;

    private OwnerToken(String token) {
        this.token = token;
    }

    static OwnerToken current() {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        return new OwnerToken(self.pid() + "-" + start);
    }

    /** A fresh file name owned by this process, with an optional suffix. */
    String newName(String suffix) {
        String random = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return token + "." + random + (suffix.isEmpty() ? "" : "." + suffix);
    }

    /** True when {@code fileName} was made by this process. */
    boolean owns(String fileName) {
        return fileName.startsWith(token + ".");
    }

    /**
     * True when the process that made {@code fileName} may still be running. Names not made by {@link #newName} are
     * treated as abandoned.
     */
    static boolean ownerAlive(String fileName) {
        int dot = fileName.indexOf('.');
        int dash = fileName.indexOf('-');
        if (dot < 0 || dash < 0 || dash > dot) {
            return false;
        }
        long pid;
        long start;
        try {
            pid = Long.parseLong(fileName.substring(0, dash));
            start = Long.parseLong(fileName.substring(dash + 1, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        Optional<java.time.Instant> started = handle.get().info().startInstant();
        // a reused pid has another start time; without a start time, keep the files (the safe side)
        return started.isEmpty() || start == 0 || started.get().toEpochMilli() == start;
    }
}
