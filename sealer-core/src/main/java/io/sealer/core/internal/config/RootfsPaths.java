package io.sealer.core.internal.config;

import io.sealer.api.SealerException;
import io.sealer.core.internal.io.IoFailures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Resolves a relative path inside a rootfs directory, refusing every way out: absolute paths, {@code ..}, links. */
final class RootfsPaths {
    private RootfsPaths() {
    }

    /** The real path of the rootfs directory. */
    static Path realRoot(Path rootfs) {
        try {
            Path real = rootfs.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new SealerException(rootfs.toString(), 0, "the rootfs is not a directory", null);
            }
            return real;
        } catch (IOException e) {
            throw new SealerException(rootfs.toString(), 0, "cannot open the rootfs: " + IoFailures.describe(e), e);
        }
    }

    /**
     * The file {@code relative} names inside {@code root}, following symbolic links only while they stay inside; the
     * file itself may not exist yet.
     *
     * @param root the rootfs, a real path ({@link #realRoot})
     * @param relative a {@code /}-separated path
     * @param problem makes the exception for a path that is refused, from a description of why
     */
    static Path resolve(Path root, String relative, Function<String, RuntimeException> problem) {
        if (relative.isBlank()) {
            throw problem.apply("is empty; expected a path relative to the rootfs");
        }
        if (relative.startsWith("/") || relative.indexOf('\0') >= 0 || relative.indexOf('\\') >= 0) {
            throw problem.apply(quote(relative) + " must be a path relative to the rootfs");
        }
        List<String> names = new ArrayList<>();
        for (String name : relative.split("/")) {
            if (name.equals("..")) {
                throw problem.apply(quote(relative) + " must not contain ..");
            }
            if (!name.isEmpty() && !name.equals(".")) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw problem.apply(quote(relative) + " names the rootfs itself; expected a file");
        }
        Path current = root;
        for (int i = 0; i < names.size(); i++) {
            boolean last = i == names.size() - 1;
            Path next = current.resolve(names.get(i));
            if (Files.isSymbolicLink(next)) {
                next = followLink(root, next, relative, problem);
            } else if (!last && Files.exists(next, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
                throw problem.apply(quote(relative) + ": " + root.relativize(next) + " is not a directory");
            }
            current = next;
        }
        if (Files.isDirectory(current)) {
            throw problem.apply(quote(relative) + " is a directory; expected a file");
        }
        return current;
    }

    private static Path followLink(Path root, Path link, String relative,
            Function<String, RuntimeException> problem) {
        Path real;
        try {
            real = link.toRealPath();
        } catch (IOException e) {
            throw problem.apply(quote(relative) + ": " + root.relativize(link)
                    + " is a symbolic link whose target does not exist or cannot be read");
        }
        if (!real.startsWith(root)) {
            throw problem.apply(quote(relative) + ": " + root.relativize(link)
                    + " is a symbolic link that leads outside the rootfs");
        }
        return real;
    }

    static String quote(String text) {
        return "\"" + text + "\"";
    }
}
