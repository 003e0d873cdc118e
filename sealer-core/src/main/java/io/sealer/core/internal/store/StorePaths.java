package io.sealer.core.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The on-disk layout of a local image store, compatible with sealer's: {@code data/overlay2/<hex>/} holds a layer's
 * files, {@code metadata/layerdb/sha256/<hex>/{id,size}} its metadata, {@code metadata/imagedb/<hex>.json} an image,
 * {@code metadata/images.json} the name index, {@code metadata/cache/} the build cache, {@code tmp/} work in
 * progress, {@code leases/} layers held by running processes and {@code .lock} the store lock.
 *
 * @param root the store root
 */
public record StorePaths(Path root) {
    /** Root used when running as root. */
    public static final Path SYSTEM_ROOT = Path.of("/var/lib/sealer");

    public StorePaths {
        root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** {@code /var/lib/sealer} for the root user, {@code ~/.sealer} for everybody else. */
    public static Path defaultRoot() {
        return isRootUser() ? SYSTEM_ROOT : Path.of(System.getProperty("user.home"), ".sealer");
    }

    private static boolean isRootUser() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid", LinkOption.NOFOLLOW_LINKS);
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** {@code data/overlay2}. */
    public Path overlay2() {
        return root.resolve("data").resolve("overlay2");
    }

    /** {@code data/overlay2/<hex>}: the files of one layer. */
    public Path layerDir(String hex) {
        return overlay2().resolve(hex);
    }

    /** {@code metadata/layerdb/sha256}. */
    public Path layerDb() {
        return root.resolve("metadata").resolve("layerdb").resolve("sha256");
    }

    /** {@code metadata/layerdb/sha256/<hex>}: {@code id} and {@code size} of one layer. */
    public Path layerMeta(String hex) {
        return layerDb().resolve(hex);
    }

    /** {@code metadata/imagedb}. */
    public Path imageDb() {
        return root.resolve("metadata").resolve("imagedb");
    }

    /** {@code metadata/imagedb/<hex>.json}. */
    public Path imageFile(String hex) {
        return imageDb().resolve(hex + ".json");
    }

    /** {@code metadata/images.json}: name to platforms index. */
    public Path index() {
        return root.resolve("metadata").resolve("images.json");
    }

    /** {@code metadata/cache}: build cache entries. */
    public Path cache() {
        return root.resolve("metadata").resolve("cache");
    }

    /** {@code tmp}: staging directories and temporary files, removed when their process is gone. */
    public Path tmp() {
        return root.resolve("tmp");
    }

    /** {@code leases}: layers held by live processes, safe from garbage collection. */
    public Path leases() {
        return root.resolve("leases");
    }

    /** {@code .lock}: the inter-process store lock. */
    public Path lockFile() {
        return root.resolve(".lock");
    }
}
