package io.sealer.core.internal.build;

import io.sealer.api.BuildException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The build context directory. Resolves COPY sources so that nothing outside the context can be reached: no
 * absolute paths, no {@code ..}, no symbolic link whose target lies outside.
 */
final class BuildContext {
    private final Path root;
    private final Path realRoot;

    BuildContext(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw new BuildException(root.toString(), 0, "build context is not a readable directory", e);
        }
    }

    Path root() {
        return root;
    }

    /**
     * Resolves one COPY source (after {@code ${ARCH}} substitution) to the files it names, sorted.
     *
     * @param source the source as written, relative to the context, possibly with {@code * ? [..]} wildcards
     * @throws BuildException without a location (the build adds the instruction's) when the source is outside the
     *     context or missing
     */
    List<Path> resolve(String source) {
        String cleaned = source.replace('\\', '/');
        if (cleaned.startsWith("/")) {
            throw error("COPY source \"" + source + "\" is an absolute path; sources must be inside the build context");
        }
        for (String segment : cleaned.split("/")) {
            if (segment.equals("..")) {
                throw error("COPY source \"" + source + "\" leaves the build context (\"..\")");
            }
        }
        List<Path> matches = hasWildcard(cleaned) ? glob(cleaned) : List.of(root.resolve(cleaned).normalize());
        List<Path> existing = new ArrayList<>();
        for (Path match : matches) {
            if (!Files.exists(match, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            confine(match, source);
            existing.add(match);
        }
        if (existing.isEmpty()) {
            throw error("COPY source \"" + source + "\" not found in build context " + root);
        }
        return existing;
    }

    private void confine(Path match, String source) {
        try {
            Path real = match.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw error("COPY source \"" + source + "\" is a symbolic link that leads outside the build context");
            }
        } catch (IOException e) {
            throw error("COPY source \"" + source + "\" is a dangling symbolic link or unreadable");
        }
    }

    private List<Path> glob(String pattern) {
        int depth = pattern.split("/").length;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> walk = Files.walk(root, depth)) {
            return walk.filter(p -> !p.equals(root))
                    .filter(p -> matcher.matches(root.relativize(p)))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw error("cannot list build context for \"" + pattern + "\": " + e.getMessage());
        }
    }

    private static boolean hasWildcard(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }

    private static BuildException error(String problem) {
        return new BuildException(problem, null);
    }
}
