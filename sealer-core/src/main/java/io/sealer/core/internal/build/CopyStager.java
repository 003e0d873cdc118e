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
        stage(sources, normalisedDest, layerDir, Wanted.ALL);
    }

    /** Copies every source into {@code layerDir}; the build context itself ({@code COPY . x}) gives its contents. */
    static void stage(List<Path> sources, String normalisedDest, Path layerDir, Path context) throws IOException {
        stage(sources, normalisedDest, layerDir, Wanted.ALL.withContentsOf(context));
    }

    /** Which rootfs paths (relative, with {@code /}) a staging keeps; the others are not even read. */
    interface Wanted {
        /** Everything. */
        Wanted ALL = new Wanted() {
            @Override
            public boolean keep(String path) {
                return true;
            }

            @Override
            public boolean descend(String dir) {
                return true;
            }
        };

        /** True when the file at {@code path} is copied. */
        boolean keep(String path);

        /** True when something under the directory {@code dir} may be kept. */
        boolean descend(String dir);

        /** True when {@code source}'s contents, not the directory itself, land in the destination (the context). */
        default boolean contentsOnly(Path source) {
            return false;
        }

        /** These rules, with the contents of {@code root} (the build context, {@code COPY . dest}) copied unnested. */
        default Wanted withContentsOf(Path root) {
            Wanted rules = this;
            return new Wanted() {
                @Override
                public boolean keep(String path) {
                    return rules.keep(path);
                }

                @Override
                public boolean descend(String dir) {
                    return rules.descend(dir);
                }

                @Override
                public boolean contentsOnly(Path source) {
                    return source.equals(root);
                }
            };
        }

        /** Only what lies under one of {@code roots} (relative directories such as {@code manifests}). */
        static Wanted under(List<String> roots) {
            return new Wanted() {
                @Override
                public boolean keep(String path) {
                    return roots.stream().anyMatch(r -> path.startsWith(r + "/"));
                }

                @Override
                public boolean descend(String dir) {
                    return dir.isEmpty() || roots.stream().anyMatch(r -> dir.equals(r) || dir.startsWith(r + "/")
                            || r.startsWith(dir + "/"));
                }
            };
        }
    }

    /** Copies the wanted part of every source into {@code layerDir} under the normalised destination. */
    static void stage(List<Path> sources, String normalisedDest, Path layerDir, Wanted wanted) throws IOException {
        Path destDir = normalisedDest.isEmpty() ? layerDir : layerDir.resolve(normalisedDest);
        String destName = normalisedDest.isEmpty() ? "" : destDir.getFileName().toString();
        for (Path source : sources) {
            String name = source.getFileName().toString();
            Path target = name.equals(destName) || wanted.contentsOnly(source) ? destDir : destDir.resolve(name);
            copy(source, target, layerDir, wanted);
        }
    }

    private static void copy(Path source, Path target, Path layerDir, Wanted wanted) throws IOException {
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Path to = target.resolve(source.relativize(dir).toString());
                    if (!wanted.descend(relative(layerDir, to))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(to);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path to = target.resolve(source.relativize(file).toString());
                    if (wanted.keep(relative(layerDir, to))) {
                        copyEntry(file, to);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } else if (wanted.keep(relative(layerDir, target))) {
            Files.createDirectories(target.getParent());
            copyEntry(source, target);
        }
    }

    private static String relative(Path layerDir, Path path) {
        return layerDir.relativize(path).toString().replace('\\', '/');
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
