package io.sealer.core.internal.apply.state;

import io.sealer.api.StoreException;
import io.sealer.core.internal.io.IoFailures;
import io.sealer.core.internal.plan.Facts;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The finished steps of one cluster's plan, so that a re-run of the same plan resumes where the last one stopped.
 * The file {@code <clusterDir>/journal.log} (mode 0600: it holds the join token) starts with {@code plan
 * <fingerprint>}; each finished step appends its facts ({@code fact <name> <base64 value>}) and {@code done <step>},
 * forced to disk before {@link #markDone} returns. A step's facts count only with its {@code done} line; a torn last
 * line (a crash while writing) is ignored and cut off. A journal of another plan is renamed aside
 * ({@code journal.<time>.abandoned.log}) and a fresh one started. One process at a time may hold a cluster's journal
 * ({@code journal.lock}). Thread-safe.
 */
public final class Journal implements AutoCloseable {
    /** The journal's file name in the cluster directory. */
    public static final String FILE = "journal.log";
    /** The lock file's name in the cluster directory. */
    public static final String LOCK = "journal.lock";

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final Pattern WORD = Pattern.compile("\\S+");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FileOutputStream out;
    private final Object writeLock = new Object();
    private final Object syncLock = new Object();
    private final Set<String> done;
    private final Map<String, String> facts;
    private volatile long written;
    private long synced;
    private boolean broken;
    private boolean closed;

    private Journal(Path dir, Path file, FileChannel lockChannel, FileLock lock, FileOutputStream out,
            JournalFile.Content content) {
        this.dir = dir;
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.out = out;
        this.done = new LinkedHashSet<>(content.done());
        this.facts = new LinkedHashMap<>(content.facts());
        this.written = content.length();
        this.synced = content.length();
    }

    /**
     * Opens the journal of {@code clusterDir} for the plan with {@code planFingerprint}, creating the directory
     * (mode 0700) and the file as needed.
     *
     * @throws StoreException when another process holds the journal, the file cannot be read or written, or a
     *     complete line of it is not a journal record
     */
    public static Journal open(Path clusterDir, String planFingerprint) {
        if (!WORD.matcher(planFingerprint).matches()) {
            throw new IllegalArgumentException("a plan fingerprint is one word, got \"" + planFingerprint + "\"");
        }
        Path dir = clusterDir.toAbsolutePath().normalize();
        Path file = dir.resolve(FILE);
        PrivateFiles.createDirectory(dir);
        FileChannel lockChannel = null;
        try {
            lockChannel = FileChannel.open(PrivateFiles.create(dir.resolve(LOCK)), StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockChannel, dir);
            JournalFile.Content content = JournalFile.read(file, planFingerprint);
            if (content == null) {
                if (JournalFile.started(file)) {
                    abandon(file);
                }
                content = JournalFile.create(file, planFingerprint);
                PrivateFiles.syncDirectory(dir);
            }
            PrivateFiles.restrict(file);
            FileOutputStream out = new FileOutputStream(file.toFile(), true);
            LOG.debug("journal {}: {} steps done", file, content.done().size());
            return new Journal(dir, file, lockChannel, lock, out, content);
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw IoFailures.wrap(file, "opening the journal", e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    /** The steps recorded as done. */
    public Set<String> done() {
        synchronized (writeLock) {
            return Set.copyOf(done);
        }
    }

    /** The facts the recorded steps learned. */
    public Facts facts() {
        synchronized (writeLock) {
            return Facts.of(facts);
        }
    }

    /**
     * Records that {@code stepId} finished and learned {@code learned}; returns once the record is on disk.
     *
     * @throws StoreException when it cannot be written (the journal then refuses further records, so that a half
     *     written record never sits in the middle of the file)
     * @throws IllegalStateException when the journal is closed
     */
    public void markDone(String stepId, Map<String, String> learned) {
        byte[] record = JournalFile.record(stepId, learned);
        long end;
        synchronized (writeLock) {
            if (closed) {
                throw new IllegalStateException("the journal " + file + " is closed");
            }
            if (broken) {
                throw new StoreException(file.toString(), "an earlier record could not be written; the journal"
                        + " takes no more records", null);
            }
            try {
                out.write(record);
            } catch (IOException e) {
                broken = true;
                throw IoFailures.wrap(file, "writing the journal", e);
            }
            written += record.length;
            end = written;
        }
        sync(end);
        synchronized (writeLock) {
            facts.putAll(learned);
            done.add(stepId);
        }
    }

    /** Forces the file to disk up to {@code end} at least; one sync serves every record written before it. */
    private void sync(long end) {
        synchronized (syncLock) {
            if (synced >= end) {
                return;
            }
            long target = written;
            try {
                out.getFD().sync();
            } catch (IOException e) {
                synchronized (writeLock) {
                    broken = true;
                }
                throw IoFailures.wrap(file, "forcing the journal to disk", e);
            }
            synced = target;
        }
    }

    /** The plan finished and the cluster is saved: deletes the journal and closes it. */
    public void complete() {
        synchronized (writeLock) {
            close();
            try {
                Files.deleteIfExists(file);
                PrivateFiles.syncDirectory(dir);
            } catch (IOException e) {
                throw IoFailures.wrap(file, "deleting the finished journal", e);
            }
        }
    }

    /** Closes the file and releases the cluster's lock; the journal stays for the next run. */
    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(out);
            try {
                lock.release();
            } catch (IOException e) {
                LOG.debug("releasing the lock of {}: {}", file, e.toString());
            }
            closeQuietly(lockChannel);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path dir) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new StoreException(dir.resolve(LOCK).toString(), "another apply of this cluster is running (its"
                    + " journal is locked); wait for it to end", null);
        }
        return lock;
    }

    private static void abandon(Path file) throws IOException {
        String stamp = STAMP.format(Instant.now());
        Path aside = file.resolveSibling("journal." + stamp + ".abandoned.log");
        for (int n = 1; Files.exists(aside); n++) {
            aside = file.resolveSibling("journal." + stamp + "-" + n + ".abandoned.log");
        }
        Files.move(file, aside);
        LOG.info("the journal {} belongs to another plan; kept as {}", file, aside.getFileName());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("closing: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "Journal[" + file + "]";
    }
}
