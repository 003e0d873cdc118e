package io.sealer.core.internal.build;

import io.sealer.api.BuildException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Places COPY sources into a layer directory with sealer's rule: the destination is always a directory relative to
 * the rootfs, each source lands at {@code <dest>/<name of source>}, except when the source and destination have the
 * same name ({@code COPY charts charts} does not nest). So {@code COPY imageList manifests} gives
 * {@code manifests/imageList}, {@code COPY etc .} gives {@code etc/...}, {@code COPY x plugins} gives
 * {@code plugins/x}. Symbolic links are copied as links.
 */
final class CopyStager {
    private CopyStager() {
    }

    /**
     * Normalises a destination: leading {@code ./} and {@code /} and trailing {@code /} removed, {@code .} is the
     * rootfs itself.
     *
     * @throws BuildException when the destination would leave the rootfs
     */
    static String normaliseDestination(String dest) {
        String d = dest.replace('\\', '/');
        for (String segment : d.split("/")) {
            if (segment.equals("..")) {
                throw new BuildException("COPY destination \"" + dest + "\" leaves the rootfs", null);
            }
        }
        while (d.startsWith("./") || d.startsWith("/")) {
            d = d.startsWith("./") ? d.substring(2) : d.substring(1);
        }
        while (d.endsWith("/")) {
            d = d.substring(0, d.length() - 1);
        }
        return d.equals(".") ? "" : d;
    }

    /** Copies every source into {@code layerDir} under the normalised destination. */
    static void stage(List<Path> sources, String normalisedDest, Path layerDir) throws IOException {
        Path destDir = normalisedDest.isEmpty() ? layerDir : layerDir.resolve(normalisedDest);
        String destName = normalisedDest.isEmpty() ? "" : destDir.getFileName().toString();
        for (Path source : sources) {
            String name = source.getFileName().toString();
            Path target = name.equals(destName) ? destDir : destDir.resolve(name);
            copy(source, target);
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    copyEntry(file, target.resolve(source.relativize(file).toString()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } else {
            Files.createDirectories(target.getParent());
            copyEntry(source, target);
        }
    }

    private static void copyEntry(Path file, Path target) throws IOException {
        Files.deleteIfExists(target);
        if (Files.isSymbolicLink(file)) {
            Files.createSymbolicLink(target, Files.readSymbolicLink(file));
        } else {
            Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
    }
}
