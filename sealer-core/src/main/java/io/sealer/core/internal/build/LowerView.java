package io.sealer.core.internal.build;

import io.sealer.core.internal.layer.Whiteouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** What a stack of layer directories shows at a path, with OCI whiteouts and opaque markers applied. */
final class LowerView {
    private LowerView() {
    }

    /** Names of the entries the layers (bottom first) show in directory {@code dir}. */
    static Set<String> names(java.util.List<Path> layers, String dir) throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path layer : layers) {
            if (hidesBelow(layer, dir)) {
                names.clear();
            }
            Path here = layer.resolve(dir);
            if (Files.isDirectory(here, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.exists(here.resolve(Whiteouts.OPAQUE), LinkOption.NOFOLLOW_LINKS)) {
                    names.clear();
                }
                try (Stream<Path> children = Files.list(here)) {
                    for (Path child : children.toList()) {
                        String name = child.getFileName().toString();
                        if (name.equals(Whiteouts.OPAQUE)) {
                            continue;
                        }
                        if (Whiteouts.isWhiteout(name)) {
                            names.remove(name.substring(Whiteouts.PREFIX.length()));
                        } else {
                            names.add(name);
                        }
                    }
                }
            } else if (Files.exists(here, LinkOption.NOFOLLOW_LINKS)) {
                names.clear();
            }
        }
        return names;
    }

    /** True when the topmost layer that has {@code path} has it as a directory. */
    static boolean isDirectory(java.util.List<Path> layers, String path) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            Path here = layers.get(i).resolve(path);
            if (Files.exists(here, LinkOption.NOFOLLOW_LINKS)) {
                return Files.isDirectory(here, LinkOption.NOFOLLOW_LINKS);
            }
        }
        return false;
    }

    /** True when {@code layer} deletes or replaces {@code dir} or one of its ancestors. */
    private static boolean hidesBelow(Path layer, String dir) {
        Path relative = Path.of(dir);
        Path prefix = null;
        for (Path part : relative) {
            Path parent = prefix == null ? layer : layer.resolve(prefix.toString());
            if (Files.exists(parent.resolve(Whiteouts.whiteoutFor(part.toString())), LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
            prefix = prefix == null ? part : prefix.resolve(part);
            Path current = layer.resolve(prefix.toString());
            if (!prefix.equals(relative) && Files.exists(current.resolve(Whiteouts.OPAQUE), LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }
}
