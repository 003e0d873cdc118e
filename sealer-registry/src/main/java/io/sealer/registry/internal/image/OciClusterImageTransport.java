package io.sealer.registry.internal.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Progress;
import io.sealer.api.event.Subject;
import io.sealer.api.ImageNotFoundException;
import io.sealer.api.RegistryException;
import io.sealer.api.SealerException;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import io.sealer.api.spi.ClusterImageTransport;
import io.sealer.api.spi.LayerStore;
import io.sealer.api.spi.RegistryClient;
import io.sealer.api.spi.RegistryManifest;
import io.sealer.registry.internal.client.LookupClient;
import io.sealer.registry.internal.manifest.Descriptor;
import io.sealer.registry.internal.manifest.Digests;
import io.sealer.registry.internal.manifest.ManifestDocument;
import io.sealer.registry.internal.manifest.MediaTypes;
import io.sealer.registry.internal.io.TempFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes and pulls cluster images as ordinary OCI images. A push writes every layer as a gzip blob of the store's
 * reproducible tar, a config blob per platform ({@link SealerImageConfig}), an OCI manifest per platform and, always,
 * an OCI index under the tag, so that a name has one shape whatever its platform count and later platforms can join
 * the index. A pull accepts an index or a single manifest, verifies every blob against its digest while
 * downloading and every layer against its id while extracting, and skips layers the store already has.
 */
public final class OciClusterImageTransport implements ClusterImageTransport {
    private static final Logger LOG = LoggerFactory.getLogger(OciClusterImageTransport.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String push(RegistryClient client, ImageReference target, List<ClusterImage> images, LayerStore layers,
            Progress progress) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("nothing to push");
        }
        String name = target.toString();
        Path scratch = layers.scratchDirectory();
        Map<String, CompletableFuture<LayerBlob>> blobs = new LinkedHashMap<>();
        ExecutorService pool = pool(client.settings().maxParallelBlobs(), "sealer-push");
        try {
            for (ClusterImage image : images) {
                for (Layer layer : image.layers()) {
                    if (layer.id() != null) {
                        blobs.computeIfAbsent(layer.id(), id -> async(() -> pushLayer(client, target, layers, id,
                                scratch, progress), pool));
                    }
                }
            }
            Map<String, LayerBlob> pushed = new LinkedHashMap<>();
            for (Map.Entry<String, CompletableFuture<LayerBlob>> e : blobs.entrySet()) {
                pushed.put(e.getKey(), join(e.getValue()));
            }
            ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
            ArrayNode children = index.putArray("manifests");
            for (ClusterImage image : images) {
                byte[] config = SealerImageConfig.toJson(image);
                String configDigest = Digests.of(config);
                Path configFile = scratch.resolve(Digests.hex(configDigest) + ".json");
                Files.write(configFile, config);
                Progress configOp = progress.start(OperationKind.BLOB, Subject.image(target).withDigest(configDigest)
                        .withPlatform(image.platform()), "pushing the image config");
                client.pushBlob(target, configDigest, config.length, configFile, Optional.empty(), configOp);
                configOp.finished("pushed");
                Files.deleteIfExists(configFile);
                ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2)
                        .put("mediaType", MediaTypes.OCI_MANIFEST);
                manifest.set("config", descriptor(SealerImageConfig.MEDIA_TYPE, configDigest, config.length));
                ArrayNode layerList = manifest.putArray("layers");
                for (Layer layer : image.layers()) {
                    if (layer.id() != null) {
                        LayerBlob blob = pushed.get(layer.id());
                        layerList.add(descriptor(LayerBlob.MEDIA_TYPE, blob.digest(), blob.size()));
                    }
                }
                manifest.putObject("annotations").put("org.opencontainers.image.ref.name", target.fullName());
                byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
                String manifestDigest = Digests.of(manifestBytes);
                client.pushManifest(byDigest(target, manifestDigest),
                        new RegistryManifest(MediaTypes.OCI_MANIFEST, manifestDigest, manifestBytes));
                ObjectNode child = descriptor(MediaTypes.OCI_MANIFEST, manifestDigest, manifestBytes.length);
                ObjectNode platform = child.putObject("platform")
                        .put("architecture", image.platform().architecture()).put("os", image.platform().os());
                if (!image.platform().variant().isEmpty()) {
                    platform.put("variant", image.platform().variant());
                }
                children.add(child);

            }
            byte[] indexBytes = JSON.writeValueAsBytes(index);
            String indexDigest = Digests.of(indexBytes);
            client.pushManifest(target, new RegistryManifest(MediaTypes.OCI_INDEX, indexDigest, indexBytes));
            return indexDigest;
        } catch (IOException e) {
            throw new RegistryException(name, "cannot write a temporary file in " + scratch + ": " + e.getMessage(),
                    e);
        } finally {
            shutdown(pool);
        }
    }

    private static LayerBlob pushLayer(RegistryClient client, ImageReference target, LayerStore layers,
            String layerId, Path scratch, Progress progress) {
        Path file = scratch.resolve(Digests.hex(layerId) + ".tar.gz");
        try {
            Progress op = progress.start(OperationKind.LAYER, Subject.image(target).withDigest(layerId),
                    "compressing and pushing layer " + layerId);
            LayerBlob blob = LayerBlob.compress(layers, layerId, file);
            LOG.debug("layer {} compressed to {} ({} bytes)", layerId, blob.digest(), blob.size());
            client.pushBlob(target, blob.digest(), blob.size(), file, Optional.empty(), op);
            op.finished("pushed as " + blob.digest());
            return blob;
        } finally {
            TempFiles.deleteQuietly(file);
        }
    }

    @Override
    public List<ClusterImage> pull(RegistryClient client, ImageReference source, List<Platform> platforms,
            LayerStore layers, Progress progress) {
        String name = source.toString();
        RegistryManifest top = LookupClient.lookup(client, source).require();
        ManifestDocument topDoc = ManifestDocument.parse(name, top);
        List<Descriptor> chosen = new ArrayList<>();
        Map<String, ManifestDocument> manifests = new LinkedHashMap<>();
        if (topDoc.isIndex()) {
            if (platforms.isEmpty()) {
                chosen.addAll(topDoc.manifests());
            } else {
                for (Platform platform : new LinkedHashSet<>(platforms)) {
                    chosen.add(topDoc.select(platform).orElseThrow(() -> new ImageNotFoundException(name,
                            "image has no platform " + platform + "; it offers " + topDoc.platforms())));
                }
            }
            for (Descriptor child : chosen) {
                RegistryManifest manifest = client.fetchManifest(source.withDigest(child.digest()))
                        .orElseThrow(() -> new RegistryException(name, "manifest " + child.digest()
                                + " listed in the index is missing from the registry", 404, null));
                manifests.put(child.digest(), ManifestDocument.parse(name, manifest));
            }
        } else {
            manifests.put(top.digest(), topDoc);
        }
        Path scratch = layers.scratchDirectory();
        ExecutorService pool = pool(client.settings().maxParallelBlobs(), "sealer-pull");
        Map<String, CompletableFuture<Void>> layerTasks = new LinkedHashMap<>();
        try {
            List<ClusterImage> images = new ArrayList<>();
            for (Map.Entry<String, ManifestDocument> entry : manifests.entrySet()) {
                ManifestDocument doc = entry.getValue();
                if (doc.isIndex()) {
                    throw new RegistryException(name, "nested index " + entry.getKey() + " is not supported", null);
                }
                Descriptor configDescriptor = doc.config().orElseThrow();
                Path configFile = scratch.resolve(Digests.hex(configDescriptor.digest()) + ".json");
                client.fetchBlob(source, configDescriptor.digest(), configDescriptor.size(), configFile, Progress.NONE);
                ClusterImage image = SealerImageConfig.parse(name, configDescriptor.digest(),
                        Files.readAllBytes(configFile), source.fullName());
                Files.deleteIfExists(configFile);
                if (!platforms.isEmpty() && platforms.stream().noneMatch(p -> p.matches(image.platform()))) {
                    throw new ImageNotFoundException(name, "image is for platform " + image.platform()
                            + ", not " + platforms);
                }
                List<String> ids = image.layers().stream().map(Layer::id).filter(java.util.Objects::nonNull)
                        .toList();
                if (ids.size() != doc.layers().size()) {
                    throw new RegistryException(name, "manifest " + entry.getKey() + " lists " + doc.layers().size()
                            + " layers but its config describes " + ids.size(), null);
                }
                for (int i = 0; i < ids.size(); i++) {
                    String id = ids.get(i);
                    Descriptor blob = doc.layers().get(i);
                    layerTasks.computeIfAbsent(id, k -> CompletableFuture.runAsync(
                            () -> pullLayer(client, source, layers, id, blob, scratch, progress), pool));
                }
                images.add(image);
            }
            for (CompletableFuture<Void> task : layerTasks.values()) {
                join(task);
            }
            return images;
        } catch (IOException e) {
            throw new RegistryException(name, "cannot use temporary files in " + scratch + ": " + e.getMessage(), e);
        } finally {
            shutdown(pool);
        }
    }

    private static void pullLayer(RegistryClient client, ImageReference source, LayerStore layers, String layerId,
            Descriptor blob, Path scratch, Progress progress) {
        if (layers.hasLayer(layerId)) {
            return;
        }
        Path file = scratch.resolve(Digests.hex(blob.digest()) + ".blob");
        try {
            Progress op = progress.start(OperationKind.LAYER, Subject.image(source).withDigest(layerId),
                    "downloading layer " + layerId);
            client.fetchBlob(source, blob.digest(), blob.size(), file, op);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
                    InputStream tar = compressed(blob.mediaType()) ? new GZIPInputStream(in, 64 * 1024) : in) {
                layers.importLayer(layerId, tar);
            } catch (IOException e) {
                throw new RegistryException(source.toString(), "blob " + blob.digest() + " of layer " + layerId
                        + " cannot be decompressed: " + e.getMessage(), e);
            }
            op.finished("pulled");
        } finally {
            TempFiles.deleteQuietly(file);
        }
    }

    private static boolean compressed(String mediaType) {
        return mediaType.endsWith("gzip") || mediaType.isEmpty();
    }

    private static ImageReference byDigest(ImageReference target, String digest) {
        return new ImageReference(target.domain(), target.path(), null, digest);
    }

    private static ObjectNode descriptor(String mediaType, String digest, long size) {
        return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest).put("size", size);
    }

    private static <T> CompletableFuture<T> async(Supplier<T> task, ExecutorService pool) {
        return CompletableFuture.supplyAsync(task, pool);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof SealerException sealer) {
                throw sealer;
            }
            throw new RegistryException("transfer", "failed: " + cause, cause);
        }
    }

    private static ExecutorService pool(int size, String prefix) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(1, size), r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static void shutdown(ExecutorService pool) {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("transfer workers did not stop within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
