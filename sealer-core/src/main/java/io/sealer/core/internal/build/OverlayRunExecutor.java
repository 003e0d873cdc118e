package io.sealer.core.internal.build;

import io.sealer.api.BuildException;
import io.sealer.core.internal.io.Trees;
import io.sealer.core.internal.layer.Whiteouts;
import io.sealer.core.internal.store.ImageStore;
import io.sealer.core.internal.store.StoredLayer;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs in an overlayfs mount of the stored layers (read-only lower directories) with an empty upper directory, in a
 * private mount namespace ({@code unshare -m}), as sealer does: nothing is copied before the command, and the upper
 * directory is exactly the change. Overlay whiteouts (character devices 0/0) become {@code .wh.<name>} files and opaque
 * directories ({@code user.overlay.opaque}, thanks to the {@code userxattr} mount option) get {@code .wh..wh..opq}.
 *
 * <p>Lower directories are named relative to {@code data/overlay2} to keep the mount options short; when they would
 * still exceed what the kernel accepts, {@link #run} reports {@code null} and the caller falls back to copying.
 */
final class OverlayRunExecutor implements RunExecutor {
    private static final int MAX_MOUNT_OPTIONS = 4000;
    private static final int MOUNT_FAILED = 125;
    private static final String MOUNT_SCRIPT = "cd \"$1\" && mount -t overlay overlay -o \"$2\" \"$3\" "
            + "|| { echo 'sealer: overlay mount failed' >&2; exit " + MOUNT_FAILED + "; }; cd \"$3\" && shift 3 "
            + "&& exec \"$@\"";
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    /**
     * True when this machine can mount overlayfs with {@code userxattr} in a private mount namespace over directories
     * of the store's file system.
     */
    static boolean available(ImageStore store) {
        Path probe = store.newStagingDir();
        try {
            for (String dir : List.of("lower", "upper", "work", "merged")) {
                Files.createDirectories(probe.resolve(dir));
            }
            Process process = new ProcessBuilder("unshare", "-m", "--propagation", "private", "mount", "-t",
                    "overlay", "overlay", "-o", "lowerdir=lower,upperdir=upper,workdir=work,userxattr", "merged")
                    .directory(probe.toFile()).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            Trees.deleteQuietly(probe);
        }
    }

    /** Runs the command, or returns {@code null} when the layers do not fit in one mount (the caller copies). */
    @Override
    public StoredLayer run(List<Path> layerDirs, RunCommand command, ImageStore store) throws IOException {
        Path scratch = store.newStagingDir();
        try {
            Path upper = Files.createDirectories(scratch.resolve("upper"));
            Path work = Files.createDirectories(scratch.resolve("work"));
            Path merged = Files.createDirectories(scratch.resolve("merged"));
            Path base = store.paths().overlay2();
            List<String> lower = new ArrayList<>();
            for (int i = layerDirs.size() - 1; i >= 0; i--) {
                lower.add(base.relativize(layerDirs.get(i)).toString());
            }
            if (lower.isEmpty()) {
                lower.add(base.relativize(Files.createDirectories(scratch.resolve("empty"))).toString());
            }
            String options = "lowerdir=" + String.join(":", lower) + ",upperdir=" + upper + ",workdir=" + work
                    + ",userxattr";
            if (options.length() > MAX_MOUNT_OPTIONS || hasSeparator(lower) || hasSeparator(List.of(
                    upper.toString(), work.toString()))) {
                return null;
            }
            List<String> argv = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                    MOUNT_SCRIPT, "sh", base.toString(), options, merged.toString()));
            argv.addAll(command.argv());
            Map<String, String> env = new LinkedHashMap<>(command.env());
            env.put("PATH", RunExecutor.pathWith(merged));
            ShellRunner.run(argv, scratch, env);
            Path layerDir = store.newStagingDir();
            convertUpper(upper, layerDir, layerDirs);
            return store.addLayer(layerDir);
        } catch (BuildException e) {
            if (e.getMessage().contains("exit code " + MOUNT_FAILED) && e.getMessage().contains("overlay mount failed")) {
                return null;
            }
            throw e;
        } finally {
            Trees.deleteRecursively(scratch);
        }
    }

    private static boolean hasSeparator(List<String> paths) {
        return paths.stream().anyMatch(p -> p.contains(":") || p.contains(","));
    }

    /**
     * Moves the upper directory's entries into an OCI layer directory, translating overlay markers. An opaque
     * directory becomes one whiteout per entry the lower layers show there (recursively for directories that exist
     * on both sides), exactly what {@link CopyingRunExecutor} records for the same change, so that a RUN gives the
     * same layer id on machines with and without overlayfs.
     */
    static void convertUpper(Path upper, Path layerDir, List<Path> lowerDirs) throws IOException {
        List<String> opaque = new ArrayList<>();
        Files.walkFileTree(upper, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = layerDir.resolve(upper.relativize(dir).toString());
                Files.createDirectories(target);
                Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS));
                if (!dir.equals(upper) && isOpaque(dir)) {
                    opaque.add(upper.relativize(dir).toString());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = layerDir.resolve(upper.relativize(file).toString());
                if (attrs.isOther() && isWhiteoutDevice(file)) {
                    Files.createFile(target.resolveSibling(Whiteouts.whiteoutFor(file.getFileName().toString())));
                } else if (!attrs.isOther()) {
                    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (String dir : opaque) {
            whiteOutHidden(layerDir, dir, lowerDirs);
        }
    }

    private static void whiteOutHidden(Path layerDir, String dir, List<Path> lowerDirs) throws IOException {
        Path target = layerDir.resolve(dir);
        for (String name : LowerView.names(lowerDirs, dir)) {
            Path entry = target.resolve(name);
            Path whiteout = target.resolve(Whiteouts.whiteoutFor(name));
            if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.exists(whiteout, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createFile(whiteout);
                }
            } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                    && LowerView.isDirectory(lowerDirs, dir + "/" + name)) {
                whiteOutHidden(layerDir, dir + "/" + name, lowerDirs);
            }
        }
    }

    private static boolean isWhiteoutDevice(Path file) throws IOException {
        Map<String, Object> unix = Files.readAttributes(file, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) unix.get("mode");
        long rdev = (Long) unix.get("rdev");
        return (mode & S_IFMT) == S_IFCHR && rdev == 0;
    }

    private static boolean isOpaque(Path dir) {
        try {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(dir, UserDefinedFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            return view != null && view.list().contains("overlay.opaque");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
