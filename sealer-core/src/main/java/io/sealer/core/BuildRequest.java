package io.sealer.core;

import io.sealer.api.image.Platform;
import io.sealer.core.DiscoveryOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What to build: a build context with its Kubefile, the name to store the result under, the target platforms, build
 * arguments and discovery options.
 *
 * @param context the build context directory; COPY sources must lie inside it
 * @param kubefile the Kubefile's path relative to the context ({@code Kubefile} by default)
 * @param tag the image name, e.g. {@code my-nginx-kubernetes:v1.19.8}
 * @param platforms one image is built per platform, all under {@code tag}
 * @param buildArgs values for the Kubefile's {@code ARG}s
 * @param noCache when true, every COPY and RUN is executed again instead of reusing stored layers
 * @param mode build mode; only {@code lite} is supported
 * @param discovery extra and ignored images and Helm values files for image discovery
 */
public record BuildRequest(Path context, String kubefile, String tag, List<Platform> platforms,
        Map<String, String> buildArgs, boolean noCache, String mode, DiscoveryOptions discovery) {
    /** The only build mode this version implements: discover images in manifests and charts, run nothing. */
    public static final String MODE_LITE = "lite";

    public BuildRequest {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(kubefile, "kubefile");
        Objects.requireNonNull(tag, "tag");
        platforms = List.copyOf(platforms);
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("at least one platform is needed");
        }
        buildArgs = Map.copyOf(buildArgs);
        mode = mode == null ? MODE_LITE : mode;
        discovery = discovery == null ? DiscoveryOptions.defaults() : discovery;
    }

    /** A builder for the context directory, with defaults: {@code Kubefile}, host platform, lite mode, cache on. */
    public static Builder builder(Path context) {
        return new Builder(context);
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

        private Builder(Path context) {
            this.context = Objects.requireNonNull(context, "context");
        }

        /** The Kubefile's path relative to the context. */
        public Builder kubefile(String name) {
            this.kubefile = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The name of the resulting image. */
        public Builder tag(String name) {
            this.tag = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Target platforms (one image each); the host platform when none is given. */
        public Builder platforms(Platform... targets) {
            platforms.addAll(List.of(targets));
            return this;
        }

        /** Target platforms (one image each). */
        public Builder platforms(List<Platform> targets) {
            platforms.addAll(targets);
            return this;
        }

        /** A value for an {@code ARG}. */
        public Builder buildArg(String name, String value) {
            buildArgs.put(name, value);
            return this;
        }

        /** Values for {@code ARG}s. */
        public Builder buildArgs(Map<String, String> args) {
            buildArgs.putAll(args);
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
         * @param defaultPlatform used when no platform was given
         */
        public BuildRequest build(Platform defaultPlatform) {
            String name = tag != null ? tag
                    : context.toAbsolutePath().normalize().getFileName().toString().toLowerCase(Locale.ROOT) + ":latest";
            List<Platform> targets = platforms.isEmpty() ? List.of(defaultPlatform) : platforms;
            return new BuildRequest(context, kubefile, name, targets, buildArgs, noCache, mode, discovery);
        }
    }
}
