package io.sealer.core.internal.registry;

import io.sealer.api.ImageNotFoundException;
import io.sealer.api.SealerException;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import io.sealer.api.spi.RegistryClient;
import io.sealer.core.internal.io.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The build-cache keys of a registry-cache layer. The layer is found by what its images are now: the key names every
 * image with the digest of the manifest its reference resolves to (through the client, so image sources and mirrors
 * count), with the platforms and the base image's cache layers. A tag that moved, or an image source that now holds
 * something else, misses. A second key, by image names alone, is kept for when the names cannot be resolved (a
 * registry out of reach): the layer cached for the same names is reused then, with a warning.
 */
final class RegistryCacheKeys {
    private static final int MAX_LOOKUPS = 8;
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private RegistryCacheKeys() {
    }

    /**
     * How the images' references resolved: every digest, or why not. {@code unreachable} when a lookup failed (the
     * layer cached for the same names may stand in), not when an image does not exist.
     */
    record Resolution(Optional<Map<ImageReference, String>> digests, String problem, boolean unreachable) {
        static Resolution of(Map<ImageReference, String> digests) {
            return new Resolution(Optional.of(digests), null, false);
        }

        static Resolution notFound(String problem) {
            return new Resolution(Optional.empty(), problem, false);
        }

        static Resolution unreachable(String problem) {
            return new Resolution(Optional.empty(), problem, true);
        }
    }

    /** The key by image names: the sorted image list, the platforms and the base cache layers. */
    static String byNames(List<ImageReference> images, List<Platform> platforms, List<Layer> baseCaches) {
        StringBuilder text = new StringBuilder("registry cache v1\n");
        new TreeSet<>(images.stream().map(ImageReference::fullName).toList()).forEach(i -> text.append(i).append('\n'));
        return withPlatformsAndBase(text, platforms, baseCaches);
    }

    /** The key by what the names resolve to: every image with its manifest digest, the platforms, the base. */
    static String byDigests(Map<ImageReference, String> digests, List<Platform> platforms, List<Layer> baseCaches) {
        StringBuilder text = new StringBuilder("registry cache v2\n");
        TreeSet<String> lines = new TreeSet<>();
        digests.forEach((image, digest) -> lines.add(image.fullName() + " " + digest));
        lines.forEach(l -> text.append(l).append('\n'));
        return withPlatformsAndBase(text, platforms, baseCaches);
    }

    private static String withPlatformsAndBase(StringBuilder text, List<Platform> platforms, List<Layer> baseCaches) {
        text.append("platforms");
        new TreeSet<>(platforms.stream().map(Platform::toString).toList()).forEach(p -> text.append(' ').append(p));
        text.append("\nbase");
        baseCaches.forEach(l -> text.append(' ').append(l.id()));
        return Digests.sha256Id(text.toString());
    }

    /**
     * Resolves every reference through {@code client} (a few at a time, with {@code HEAD} requests where the client
     * can); a digest in the reference is taken as it is.
     * Unresolved when an image does not exist (the build then fails with the writer's own error) or a lookup fails.
     */
    static Resolution resolve(RegistryClient client, List<ImageReference> images) {
        Map<ImageReference, String> digests = new LinkedHashMap<>();
        List<ImageReference> lookups = new ArrayList<>();
        for (ImageReference image : images) {
            image.optionalDigest().ifPresentOrElse(d -> digests.put(image, d), () -> lookups.add(image));
        }
        if (lookups.isEmpty()) {
            return Resolution.of(digests);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_LOOKUPS, lookups.size()), r -> {
            Thread thread = new Thread(r, "sealer-cache-key");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<Optional<String>>> resolved = lookups.stream()
                    .map(image -> CompletableFuture.supplyAsync(() -> client.resolveDigest(image), pool)).toList();
            for (int i = 0; i < lookups.size(); i++) {
                Optional<String> digest = resolved.get(i).join();
                if (digest.isEmpty()) {
                    return Resolution.notFound(lookups.get(i) + " was not found");
                }
                digests.put(lookups.get(i), digest.get());
            }
            return Resolution.of(digests);
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof ImageNotFoundException) {
                return Resolution.notFound(cause.getMessage());
            }
            if (cause instanceof SealerException) {
                return Resolution.unreachable(cause.getMessage());
            }
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The digests the images have in registry layouts ({@code <root>/registry/docker/registry/v2}) that were just
     * written: each tag's current link, the first root holding it winning. Empty when one is missing.
     */
    static Optional<Map<ImageReference, String>> written(List<ImageReference> images, List<Path> roots) {
        Map<ImageReference, String> digests = new LinkedHashMap<>();
        for (ImageReference image : images) {
            Optional<String> digest = image.optionalDigest().or(() -> tagLink(image, roots));
            if (digest.isEmpty()) {
                return Optional.empty();
            }
            digests.put(image, digest.get());
        }
        return Optional.of(digests);
    }

    private static Optional<String> tagLink(ImageReference image, List<Path> roots) {
        for (Path root : roots) {
            Path link = root.resolve("registry/docker/registry/v2/repositories").resolve(image.path())
                    .resolve("_manifests/tags").resolve(image.effectiveTag()).resolve("current/link");
            try {
                String digest = Files.readString(link, StandardCharsets.US_ASCII).strip();
                if (DIGEST.matcher(digest).matches()) {
                    return Optional.of(digest);
                }
            } catch (IOException e) {
                // not in this root
            }
        }
        return Optional.empty();
    }
}
