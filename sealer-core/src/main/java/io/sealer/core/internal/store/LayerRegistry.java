package io.sealer.core.internal.store;

import io.sealer.api.StoreException;
import io.sealer.core.internal.io.IoFailures;
import io.sealer.core.internal.io.Trees;
import io.sealer.core.internal.layer.LayerDigest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Layer files and layer metadata. A layer is complete when {@code metadata/layerdb/sha256/<hex>} exists: it is
 * renamed into place, with its {@code id} and {@code size} files, only after {@code data/overlay2/<hex>} is. All
 * mutating methods must be called with the store's exclusive lock held.
 */
final class LayerRegistry {
    private final StorePaths paths;
    private final OwnerToken owner;

    LayerRegistry(StorePaths paths, OwnerToken owner) {
        this.paths = paths;
        this.owner = owner;
    }

    static String hexOf(String layerId) {
        if (layerId == null || !layerId.matches("sha256:[0-9a-f]{64}")) {
            throw new StoreException(String.valueOf(layerId), "not a layer id: expected sha256:<64 hex>", null);
        }
        return layerId.substring("sha256:".length());
    }

    boolean isComplete(String hex) {
        return Files.isRegularFile(paths.layerMeta(hex).resolve("size"))
                && Files.isDirectory(paths.layerDir(hex), LinkOption.NOFOLLOW_LINKS);
    }

    /** The recorded size of a complete layer. */
    Optional<Long> size(String hex) {
        if (!isComplete(hex)) {
            return Optional.empty();
        }
        Path file = paths.layerMeta(hex).resolve("size");
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            throw new StoreException(file.toString(), "corrupt layer metadata: expected a decimal size", e);
        }
    }

    /**
     * Moves the extracted layer {@code staging} (under {@code tmp/}) into {@code overlay2/<hex>} and records its
     * metadata; when the layer is already complete the staging directory is deleted instead.
     */
    void install(Path staging, LayerDigest digest) {
        String hex = digest.hex().orElseThrow();
        try {
            if (isComplete(hex)) {
                Trees.deleteRecursively(staging);
                return;
            }
            discard(paths.layerMeta(hex));
            discard(paths.layerDir(hex));
            Files.createDirectories(paths.overlay2());
            Files.move(staging, paths.layerDir(hex), StandardCopyOption.ATOMIC_MOVE);
            Path meta = paths.tmp().resolve(owner.newName("layerdb"));
            Files.createDirectories(meta);
            Files.writeString(meta.resolve("id"), digest.id(), StandardCharsets.UTF_8);
            Files.writeString(meta.resolve("size"), Long.toString(digest.size()), StandardCharsets.UTF_8);
            Files.createDirectories(paths.layerDb());
            Files.move(meta, paths.layerMeta(hex), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw IoFailures.wrap(paths.layerDir(hex), "storing layer " + digest.id(), e);
        }
    }

    /** Every layer hex found on disk, complete or not. */
    Set<String> allOnDisk() {
        Set<String> out = new TreeSet<>();
        list(paths.overlay2(), out);
        list(paths.layerDb(), out);
        return out;
    }

    /** Deletes a layer's metadata first (so it stops counting as complete) and then its files. */
    void delete(String hex) {
        discard(paths.layerMeta(hex));
        discard(paths.layerDir(hex));
    }

    /** Renames {@code path} into {@code tmp/} and deletes it there, so a crash never leaves half a directory in place. */
    void discard(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path trash = paths.tmp().resolve(owner.newName("trash"));
        try {
            Files.move(path, trash, StandardCopyOption.ATOMIC_MOVE);
            Trees.deleteRecursively(trash);
        } catch (IOException e) {
            throw IoFailures.wrap(path, "deleting", e);
        }
    }

    private static void list(Path dir, Set<String> out) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.matches("[0-9a-f]{64}")) {
                    out.add(name);
                }
            }
        } catch (IOException e) {
            throw IoFailures.wrap(dir, "listing layers", e);
        }
    }
}
