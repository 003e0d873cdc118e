package io.sealer.core.internal.build;

import io.sealer.core.internal.io.Trees;
import io.sealer.core.internal.layer.Whiteouts;
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
 * Assembles layer directories, in order, into one directory: what an overlay mount of the layers would show.
 * Whiteouts ({@code .wh.<name>}) remove what earlier layers put there and opaque markers
 * ({@code .wh..wh..opq}) empty a directory before the layer's own entries are added.
 *
 * <p>With {@code link} files are hard-linked instead of copied: only for read-only views (discovery), never for a
 * view a RUN command may change, since the links share their content with the stored layers.
 */
public final class RootfsView {
    private RootfsView() {
    }

    public static void assemble(List<Path> layerDirs, Path target, boolean link) throws IOException {
        Files.createDirectories(target);
        for (Path layer : layerDirs) {
            apply(layer, target, link);
        }
    }

    private static void apply(Path layer, Path target, boolean link) throws IOException {
        Files.walkFileTree(layer, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path out = target.resolve(layer.relativize(dir).toString());
                if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(out);
                }
                Files.createDirectories(out);
                if (Files.exists(dir.resolve(Whiteouts.OPAQUE), LinkOption.NOFOLLOW_LINKS)) {
                    emptyDirectory(out);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                Path relative = layer.relativize(file);
                Path out = target.resolve(relative.toString());
                if (name.equals(Whiteouts.OPAQUE)) {
                    return FileVisitResult.CONTINUE;
                }
                if (Whiteouts.isWhiteout(name)) {
                    Path hidden = out.resolveSibling(name.substring(Whiteouts.PREFIX.length()));
                    Trees.deleteRecursively(hidden);
                    return FileVisitResult.CONTINUE;
                }
                if (Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
                    Trees.deleteRecursively(out);
                } else {
                    Files.deleteIfExists(out);
                }
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(out, Files.readSymbolicLink(file));
                } else if (link) {
                    try {
                        Files.createLink(out, file);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(file, out, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } else {
                    Files.copy(file, out, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void emptyDirectory(Path dir) throws IOException {
        try (var children = Files.list(dir)) {
            for (Path child : children.toList()) {
                Trees.deleteRecursively(child);
            }
        }
    }
}
