package io.sealer.core.internal.apply;

import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Layer;
import io.sealer.core.internal.build.RootfsView;
import io.sealer.core.internal.io.Trees;
import io.sealer.core.internal.store.ImageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes the files hosts get from a cluster image: the layers of one platform assembled with hard links (no copy of
 * layer data) into {@code <views>/<variant>/rootfs}, with {@code registry/} moved beside it, then changed by the
 * Clusterfile (Config documents, {@code *.tmpl} rendering) through files that replace the links, never through them.
 * A variant already prepared with the same inputs is reused.
 */
final class RootfsPreparer {
    private static final String MARKER = ".prepared";

    private final Path viewsDir;
    private final RootfsCustomizer customizer;

    /**
     * @param viewsDir where variants are made; on the store's file system (hard links)
     * @param customizer applies the Clusterfile's changes to an assembled rootfs
     */
    RootfsPreparer(Path viewsDir, RootfsCustomizer customizer) {
        this.viewsDir = viewsDir;
        this.customizer = customizer;
    }

    /**
     * The files of {@code image} customised for hosts with {@code env}.
     *
     * @param changes identifies the Clusterfile's changes (Config documents), for the content id
     */
    RootfsViews prepare(ImageStore store, ClusterImage image, Map<String, String> env, String changes) {
        String variantHash = hash(image.id() + "\0" + new TreeMap<>(env) + "\0" + changes);
        String variant = image.platform().toString().replace('/', '_') + "-" + variantHash.substring(0, 12);
        Path dir = viewsDir.resolve(variant);
        Path rootfs = dir.resolve("rootfs");
        Path registry = dir.resolve("registry");
        String rootfsId = image.id() + "+" + variantHash.substring(0, 16);
        RootfsViews views = new RootfsViews(rootfs, rootfsId, registry, image.id() + "+registry");
        try {
            Path marker = dir.resolve(MARKER);
            if (Files.exists(marker) && Files.readString(marker).equals(rootfsId)) {
                return views;
            }
            if (Files.exists(dir)) {
                Trees.deleteRecursively(dir);
            }
            List<Path> layers = image.layers().stream().filter(l -> l.id() != null).map(Layer::id)
                    .map(store::layerPath).toList();
            RootfsView.assemble(layers, rootfs, true);
            Path inside = rootfs.resolve("registry");
            if (Files.isDirectory(inside)) {
                Files.move(inside, registry, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.createDirectories(registry);
            }
            customizer.customize(rootfs, env);
            Files.writeString(marker, rootfsId, StandardCharsets.UTF_8);
            return views;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Applies the Clusterfile's changes to an assembled rootfs. */
    interface RootfsCustomizer {
        void customize(Path rootfs, Map<String, String> env) throws IOException;
    }
}
