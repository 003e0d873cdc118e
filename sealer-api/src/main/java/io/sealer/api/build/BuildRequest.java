package io.sealer.api.build;

import io.sealer.api.event.ProgressListener;
import io.sealer.api.image.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What to build: a build context with its Kubefile, the name to store the result under, the target platforms, build
 * arguments and discovery options. Build one with {@link #builder(Path)}.
 *
 * @param context the build context directory; COPY sources must lie inside it
 * @param kubefile the Kubefile's path relative to the context ({@code Kubefile} by default)
 * @param tag the image name, e.g. {@code my-nginx-kubernetes:v1.19.8}
 * @param platforms one image is built per platform, all under {@code tag}; empty for the client's platform
 * @param buildArgs values for the Kubefile's {@code ARG}s
 * @param noCache when true, every COPY and RUN is executed again instead of reusing stored layers
 * @param mode build mode; only {@code lite} is supported
 * @param discovery extra and ignored images and Helm values files for image discovery
 * @param cacheImages when false, no registry-cache layer is made even if the layers need container images
 * @param listener receives this build's progress events, besides the client's listener
 * @param imageSources on-disk image sources (OCI layouts, {@code docker save} tarballs, {@code skopeo sync} dir
 *                     trees) searched for container images before any mirror or registry; added, for this build, after
 *                     the client's own ({@link io.sealer.api.registry.RegistrySettings#imageSources()})
 */
public record BuildRequest(Path context, String kubefile, String tag, List<Platform> platforms,
        Map<String, String> buildArgs, boolean noCache, String mode, DiscoveryOptions discovery, boolean cacheImages,
        ProgressListener listener, List<Path> imageSources) {
    /** The only build mode this version implements: discover images in manifests and charts, run nothing. */
    public static final String MODE_LITE = "lite";

    public BuildRequest {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(kubefile, "kubefile");
        Objects.requireNonNull(tag, "tag");
        platforms = List.copyOf(platforms);
        buildArgs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
        mode = mode == null ? MODE_LITE : mode;
        discovery = discovery == null ? DiscoveryOptions.defaults() : discovery;
        listener = listener == null ? ProgressListener.NONE : listener;
        imageSources = imageSources == null ? List.of() : List.copyOf(new LinkedHashSet<>(imageSources));
    }

    /** A request without image sources of its own (the components of earlier versions). */
    public BuildRequest(Path context, String kubefile, String tag, List<Platform> platforms,
            Map<String, String> buildArgs, boolean noCache, String mode, DiscoveryOptions discovery,
            boolean cacheImages, ProgressListener listener) {
        this(context, kubefile, tag, platforms, buildArgs, noCache, mode, discovery, cacheImages, listener, List.of());
    }

    /** The same request for these platforms. */
    public BuildRequest withPlatforms(List<Platform> targets) {
        return new BuildRequest(context, kubefile, tag, targets, buildArgs, noCache, mode, discovery, cacheImages,
                listener, imageSources);
    }

    /**
     * A builder for the context directory, with defaults: {@code Kubefile}, the name {@code <dir>:latest}, the
     * client's platform, lite mode, build cache on, container images cached.
     */
    public static Builder builder(Path context) {
        return new Builder(context);
    }

    /** The platforms to build: {@link #platforms()}, or {@code fallback} when none were given. */
    public List<Platform> platformsOr(Platform fallback) {
        return platforms.isEmpty() ? List.of(fallback) : platforms;
    }

    /** Builds a {@link BuildRequest}. */
    public static final class Builder {
        private final Path context;
        private String kubefile = "Kubefile";
        private String tag;
        private final List<Platform> platforms = new ArrayList<>();
        private final Map<String, String> buildArgs = new LinkedHashMap<>();
        private boolean noCache;
        private String mode = MODE_LITE;
        private DiscoveryOptions discovery = DiscoveryOptions.defaults();
        private boolean cacheImages = true;
        private ProgressListener listener = ProgressListener.NONE;
        private final List<Path> imageSources = new ArrayList<>();

        private Builder(Path context) {
            this.context = Objects.requireNonNull(context, "context");
        }

        /** The Kubefile's path relative to the context. */
        public Builder kubefile(String name) {
            this.kubefile = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The name of the resulting image ({@code <context dir name>:latest} when not given). */
        public Builder tag(String name) {
            this.tag = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Adds target platforms (one image each); the client's platform when none is given. */
        public Builder platforms(Platform... targets) {
            return platforms(List.of(targets));
        }

        /** Adds target platforms (one image each); duplicates are built once. */
        public Builder platforms(List<Platform> targets) {
            targets.stream().filter(p -> !platforms.contains(p)).forEach(platforms::add);
            return this;
        }

        /** A value for an {@code ARG}. */
        public Builder buildArg(String name, String value) {
            buildArgs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Values for {@code ARG}s. */
        public Builder buildArgs(Map<String, String> args) {
            args.forEach(this::buildArg);
            return this;
        }

        /** Turns the build cache off. */
        public Builder noCache(boolean value) {
            this.noCache = value;
            return this;
        }

        /** Build mode; only {@code lite}. */
        public Builder mode(String value) {
            this.mode = value;
            return this;
        }

        /** Extra/ignored images and Helm values for discovery. */
        public Builder discovery(DiscoveryOptions options) {
            this.discovery = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Whether to cache the container images the layers need into a registry-cache layer (true by default). Turn
         * it off on purpose to build without a registry adapter; a build that needs images cached and has no adapter
         * fails otherwise.
         */
        public Builder cacheImages(boolean value) {
            this.cacheImages = value;
            return this;
        }

        /** Receives this build's progress events, besides the client's listener. */
        public Builder listener(ProgressListener value) {
            this.listener = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * Adds an on-disk image source searched before mirrors and registries: an OCI image layout directory, a
         * {@code docker save} tarball or a {@code skopeo sync --dest dir} tree. The client's sources
         * ({@code RegistrySettings.Builder.imageSource}) come first, then the request's, in the order added.
         */
        public Builder imageSource(Path source) {
            Path path = Objects.requireNonNull(source, "source");
            if (!imageSources.contains(path)) {
                imageSources.add(path);
            }
            return this;
        }

        /** Adds on-disk image sources, in order; see {@link #imageSource(Path)}. */
        public Builder imageSources(List<Path> sources) {
            sources.forEach(this::imageSource);
            return this;
        }

        /** The request. */
        public BuildRequest build() {
            String name = tag != null ? tag
                    : context.toAbsolutePath().normalize().getFileName().toString().toLowerCase(Locale.ROOT) + ":latest";
            return new BuildRequest(context, kubefile, name, platforms, buildArgs, noCache, mode, discovery,
                    cacheImages, listener, imageSources);
        }
    }
}
