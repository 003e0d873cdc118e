package io.sealer.core.internal.discovery;

import io.sealer.api.BuildException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks packaged charts ({@code helm package} output: a gzipped tar whose entries sit under one top directory) the
 * way Helm's loader reads them: the first path segment of every entry is dropped, only regular files are taken, and
 * an absolute name or a {@code ..} segment is an error, so nothing is ever written outside the target directory.
 */
final class ChartArchives {
    /** Helm's default limit on a chart's unpacked size ({@code MaxDecompressedChartSize}). */
    static final long MAX_UNPACKED_BYTES = 100L * 1024 * 1024;

    private ChartArchives() {
    }

    static boolean isArchive(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".tgz") || name.endsWith(".tar.gz");
    }

    /** The file name without {@code .tgz} or {@code .tar.gz}. */
    static String baseName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        int cut = lower.endsWith(".tar.gz") ? 7 : lower.endsWith(".tgz") ? 4 : 0;
        return fileName.substring(0, fileName.length() - cut);
    }

    /**
     * Unpacks {@code archive} into the new directory {@code target}; {@code name} names the archive in messages.
     *
     * @return {@code target}
     * @throws BuildException when the archive is not a gzipped tar, names a path outside the chart or unpacks to more
     *     than {@link #MAX_UNPACKED_BYTES}
     */
    static Path extract(Path archive, Path target, String name) throws IOException {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        long total = 0;
        try (InputStream file = Files.newInputStream(archive);
                InputStream gzip = gunzip(new BufferedInputStream(file), name);
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!isRegularFile(entry)) {
                    continue;
                }
                List<String> segments = segments(entry.getName(), name);
                if (segments.size() < 2) {
                    continue;
                }
                Path to = root;
                for (String segment : segments.subList(1, segments.size())) {
                    to = to.resolve(segment);
                }
                to = to.normalize();
                if (!to.startsWith(root) || to.equals(root)) {
                    throw escapes(name, entry.getName());
                }
                Files.createDirectories(to.getParent());
                try (OutputStream out = Files.newOutputStream(to)) {
                    byte[] buffer = new byte[8192];
                    int read;
                    while ((read = tar.read(buffer)) > 0) {
                        total += read;
                        if (total > MAX_UNPACKED_BYTES) {
                            throw new BuildException(name, 0, "the chart archive unpacks to more than "
                                    + MAX_UNPACKED_BYTES / (1024 * 1024) + " MiB", null);
                        }
                        out.write(buffer, 0, read);
                    }
                }
            }
        }
        return target;
    }

    /** A regular file: not a directory, link, device or FIFO (commons-compress's {@code isFile()} takes links). */
    private static boolean isRegularFile(TarArchiveEntry entry) {
        byte flag = entry.getLinkFlag();
        return (flag == TarArchiveEntry.LF_NORMAL || flag == TarArchiveEntry.LF_OLDNORM
                || flag == TarArchiveEntry.LF_CONTIG) && !entry.getName().endsWith("/");
    }

    private static InputStream gunzip(InputStream in, String name) throws IOException {
        try {
            return new GzipCompressorInputStream(in);
        } catch (IOException e) {
            in.close();
            throw new BuildException(name, 0, "not a packaged chart (a gzipped tar): " + e.getMessage(), e);
        }
    }

    /** The path segments of an entry name, without empty and {@code .} segments. */
    private static List<String> segments(String entryName, String name) {
        String normalized = entryName.replace('\\', '/');
        if (normalized.startsWith("/") || normalized.matches("^[A-Za-z]:/.*")) {
            throw escapes(name, entryName);
        }
        List<String> segments = new ArrayList<>();
        for (String segment : normalized.split("/")) {
            if (segment.equals("..")) {
                throw escapes(name, entryName);
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments;
    }

    private static BuildException escapes(String name, String entryName) {
        return new BuildException(name, 0, "the chart archive holds a path outside the chart: " + entryName, null);
    }
}
