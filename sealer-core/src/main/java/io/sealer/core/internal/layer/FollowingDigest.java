package io.sealer.core.internal.layer;

import io.sealer.api.spi.LayerWriteListener;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes a directory's {@link ReproducibleTar} digest while a writer is still filling it. Once the writer has said
 * which files it will leave ({@link #planned}), a background thread hashes the tar in its order: each directory's
 * header at once, each file as soon as the writer reports it {@link #completed}, so the hashing overlaps the writing
 * and little is left to do when the writer returns.
 *
 * <p>The hashing keeps pace with the writer: while it is hashing (not waiting for a file) and more than
 * {@value #BACKLOG} bytes of completed files are not hashed yet, {@link #completed} holds the writer's thread until it
 * has caught up. On a machine whose cores the download already keeps busy, the hashing would otherwise fall behind
 * and be left to do on one core once the writer is done; held back, the writer shares the cores with it instead.
 *
 * <p>{@link #finish()} gives the digest only when it is certainly the one {@link ReproducibleTar#digest} would give:
 * every planned file was hashed after it was complete, and the finished tree, listed again, holds exactly the hashed
 * entries with the same kinds, modes, sizes and inodes. Otherwise (nothing or too little planned, a file never
 * completed, a file replaced after it was hashed, anything else in the tree, an I/O error) it gives nothing and the
 * caller hashes the directory the usual way.
 */
public final class FollowingDigest implements LayerWriteListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FollowingDigest.class);
    /** Bytes of completed files the hashing may be behind by before the writer is held back. */
    static final long BACKLOG = 8L << 20;

    private final Path root;
    private final long backlog;
    private final Object lock = new Object();
    private final Set<Path> completed = new HashSet<>();
    private Thread thread;
    private boolean writerDone;
    private boolean closed;
    private boolean hashing;
    private long completedBytes;
    private long hashedBytes;
    private Optional<Outcome> outcome = Optional.empty();

    /** What the hashing thread ended with: the digest and the entries it hashed, or the reason it gave up. */
    private record Outcome(LayerDigest digest, List<TreeScanner.Entry> entries, String failure) {
    }

    private FollowingDigest(Path root, long backlog) {
        this.root = root;
        this.backlog = backlog;
    }

    /** A digest following the writer of {@code root}; hand it to the writer as its listener. */
    public static FollowingDigest of(Path root) {
        return of(root, BACKLOG);
    }

    /** As {@link #of(Path)}, holding the writer back once more than {@code backlog} bytes wait to be hashed. */
    static FollowingDigest of(Path root, long backlog) {
        return new FollowingDigest(root.toAbsolutePath().normalize(), backlog);
    }

    @Override
    public void planned(Collection<Path> files) {
        List<String> names = entryNames(files);
        synchronized (lock) {
            if (thread != null || closed || names.isEmpty()) {
                return;
            }
            thread = new Thread(() -> run(names), "sealer-layer-digest");
            thread.setDaemon(true);
            hashing = true;
            thread.start();
        }
    }

    /** Records the file as complete; holds the caller back while the hashing is too far behind (see above). */
    @Override
    public void completed(Path file) {
        Path path = root.resolve(file).normalize();
        long size = sizeOf(path);
        synchronized (lock) {
            completed.add(path);
            completedBytes += size;
            lock.notifyAll();
            while (hashing && !writerDone && completedBytes - hashedBytes > backlog) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0; // then it cannot hold the writer back; hashing it fails and the layer is hashed again
        }
    }

    /**
     * Waits for the hashing to end (the writer must have returned) and gives the digest when it is certainly right.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public Optional<LayerDigest> finish() throws InterruptedException {
        Thread worker;
        synchronized (lock) {
            writerDone = true;
            lock.notifyAll();
            worker = thread;
        }
        if (worker == null) {
            LOG.debug("layer {}: no file plan, hashing it after the write", root);
            return Optional.empty();
        }
        // the tree is final once the writer has returned: list it while the hashing finishes
        List<TreeScanner.Entry> finished = TreeScanner.scan(root);
        worker.join();
        Outcome result;
        synchronized (lock) {
            result = outcome.orElseThrow();
        }
        if (result.failure() != null) {
            LOG.debug("layer {}: hashing while written gave up ({}), hashing it again", root, result.failure());
            return Optional.empty();
        }
        String difference = difference(result.entries(), finished);
        if (difference != null) {
            LOG.debug("layer {}: the finished tree is not what was hashed ({}), hashing it again", root, difference);
            return Optional.empty();
        }
        return Optional.of(result.digest());
    }

    /** Stops the hashing thread if it is still waiting for files. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            writerDone = true;
            lock.notifyAll();
        }
    }

    /** The tar names of the files and all their parent directories (directories end in {@code /}), in tar order. */
    private List<String> entryNames(Collection<Path> files) {
        TreeMap<byte[], String> names = new TreeMap<>(Arrays::compareUnsigned);
        for (Path file : files) {
            Path relative = root.relativize(root.resolve(file).normalize());
            if (relative.toString().isEmpty() || relative.startsWith("..")) {
                return List.of(); // outside the layer: the check at the end would fail anyway
            }
            String name = relative.toString();
            names.put(name.getBytes(StandardCharsets.UTF_8), name);
            for (Path parent = relative.getParent(); parent != null; parent = parent.getParent()) {
                String dir = parent + "/";
                names.put(dir.getBytes(StandardCharsets.UTF_8), dir);
            }
        }
        return new ArrayList<>(names.values());
    }

    private void run(List<String> names) {
        Outcome result;
        try {
            result = hash(names);
        } catch (IOException | RuntimeException e) {
            result = new Outcome(null, null, String.valueOf(e));
        }
        synchronized (lock) {
            outcome = Optional.of(result);
            hashing = false;
            lock.notifyAll();
        }
    }

    private Outcome hash(List<String> names) throws IOException {
        TarSink sink = new TarSink(OutputStream.nullOutputStream());
        byte[] record = new byte[TarSink.RECORD];
        List<TreeScanner.Entry> entries = new ArrayList<>(names.size());
        long waited = 0;
        LOG.debug("layer {}: hashing {} entries while written", root, names.size());
        for (String name : names) {
            Path path = root.resolve(name);
            TreeScanner.Entry entry;
            if (name.endsWith("/")) {
                entry = new TreeScanner.Entry(name, path, TreeScanner.Kind.DIR, 0755, 0, null, null);
            } else {
                long t0 = System.nanoTime();
                boolean ok = awaitCompleted(path);
                waited += System.nanoTime() - t0;
                if (!ok) {
                    return new Outcome(null, null, name + " was planned but not completed");
                }
                PosixFileAttributes attrs = Files.readAttributes(path, PosixFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (!attrs.isRegularFile()) {
                    return new Outcome(null, null, name + " is not a regular file");
                }
                entry = new TreeScanner.Entry(name, path, TreeScanner.Kind.FILE,
                        TreeScanner.fileMode(attrs.permissions()), attrs.size(), null, attrs.fileKey());
            }
            ReproducibleTar.writeHeader(sink, entry, record);
            if (entry.size() > 0) {
                sink.file(path, entry.size());
                hashed(entry.size());
            }
            entries.add(entry);
        }
        sink.zeros(2 * TarSink.RECORD);
        sink.flush();
        LOG.debug("layer {}: {} entries hashed while written, {} ms waiting for files", root, entries.size(),
                waited / 1_000_000);
        return new Outcome(new LayerDigest(sink.id(), sink.count()), entries, null);
    }

    /** Bytes of file content hashed so far. */
    long hashedBytes() {
        synchronized (lock) {
            return hashedBytes;
        }
    }

    private void hashed(long bytes) {
        synchronized (lock) {
            hashedBytes += bytes;
            lock.notifyAll();
        }
    }

    /**
     * Waits until the file is reported complete; false when the writer returned (or this closed) without it. While
     * it waits, the writer is not held back: it may be the one to complete the file.
     */
    private boolean awaitCompleted(Path path) {
        synchronized (lock) {
            hashing = false;
            lock.notifyAll();
            try {
                while (!completed.contains(path)) {
                    if (writerDone) {
                        return false;
                    }
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
                return true;
            } finally {
                hashing = true;
            }
        }
    }

    /** Where the finished tree differs from the hashed entries, or {@code null} when it does not. */
    private static String difference(List<TreeScanner.Entry> hashed, List<TreeScanner.Entry> finished) {
        if (hashed.size() != finished.size()) {
            return hashed.size() + " entries hashed, " + finished.size() + " in the tree";
        }
        for (int i = 0; i < hashed.size(); i++) {
            TreeScanner.Entry a = hashed.get(i);
            TreeScanner.Entry b = finished.get(i);
            boolean same = a.name().equals(b.name()) && a.kind() == b.kind() && a.mode() == b.mode()
                    && a.size() == b.size() && Objects.equals(a.link(), b.link())
                    && Objects.equals(a.fileKey(), b.fileKey());
            if (!same) {
                return "hashed " + a.name() + ", found " + b.name() + " " + b.kind();
            }
        }
        return null;
    }
}
