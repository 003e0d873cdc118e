package io.sealer.api.registry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to reach registries: on-disk image sources searched first, mirrors per domain, which registries may be spoken to over plain HTTP, trust and
 * credentials, timeouts and bounds. A user-facing value: build it with {@link #builder()} and give it to the
 * client builder; adapters receive it once, when the SDK opens them.
 *
 * @param mirrors mirror endpoints per registry domain (e.g. {@code docker.io -> http://127.0.0.1:5000}), tried in order
 *                before the origin
 * @param insecureRegistries {@code host[:port]} entries that may use plain HTTP ({@code localhost} and
 *                           {@code 127.0.0.0/8} always may)
 * @param caFiles extra PEM CA certificates to trust
 * @param dockerConfig the docker {@code config.json} to read credentials from, absent for the default location
 * @param credentials credentials given through the SDK, per registry domain; they win over {@code config.json}
 * @param connectTimeout connect timeout
 * @param readTimeout timeout for one request/response
 * @param maxRetries retries on connection errors, 5xx and 429
 * @param maxParallelBlobs bound on concurrent blob transfers
 * @param imageSources on-disk image sources searched before any mirror or registry, in order: OCI image layouts,
 *                     {@code docker save} tarballs and {@code skopeo sync --dest dir} trees
 * @param mirrorFallback when true, an image a mirror does not have is looked up at its origin registry too; when
 *                       false (the default) a mirror's "not found" is final for a mirrored domain (a mirror that
 *                       cannot be reached still falls back to the origin)
 */
public record RegistrySettings(Map<String, List<URI>> mirrors, Set<String> insecureRegistries, List<Path> caFiles,
        Optional<Path> dockerConfig, Map<String, RegistryCredentials> credentials, Duration connectTimeout,
        Duration readTimeout, int maxRetries, int maxParallelBlobs, List<Path> imageSources,
        boolean mirrorFallback) {

    public RegistrySettings {
        Map<String, List<URI>> copy = new LinkedHashMap<>();
        mirrors.forEach((domain, endpoints) -> copy.put(domain, List.copyOf(endpoints)));
        mirrors = java.util.Collections.unmodifiableMap(copy);
        insecureRegistries = Set.copyOf(insecureRegistries);
        caFiles = List.copyOf(caFiles);
        credentials = Map.copyOf(credentials);
        imageSources = List.copyOf(new LinkedHashSet<>(imageSources));
        Objects.requireNonNull(dockerConfig, "dockerConfig");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
        if (maxParallelBlobs < 1) {
            throw new IllegalArgumentException("maxParallelBlobs must be at least 1");
        }
    }

    /** Settings without image sources and without mirror fallback (the components of earlier versions). */
    public RegistrySettings(Map<String, List<URI>> mirrors, Set<String> insecureRegistries, List<Path> caFiles,
            Optional<Path> dockerConfig, Map<String, RegistryCredentials> credentials, Duration connectTimeout,
            Duration readTimeout, int maxRetries, int maxParallelBlobs) {
        this(mirrors, insecureRegistries, caFiles, dockerConfig, credentials, connectTimeout, readTimeout, maxRetries,
                maxParallelBlobs, List.of(), false);
    }

    /** These settings with {@code more} image sources searched after the ones they have (duplicates once). */
    public RegistrySettings withImageSources(List<Path> more) {
        if (more.isEmpty()) {
            return this;
        }
        return toBuilder().imageSources(more).build();
    }

    /**
     * Defaults: no image sources, no mirrors (and no fallback from a mirror's "not found" to the origin), no extra
     * trust, 10 s connect, 5 min read, 3 retries, 8 blobs at a time.
     */
    public static RegistrySettings defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        mirrors.forEach((domain, endpoints) -> builder.mirrors.put(domain, new ArrayList<>(endpoints)));
        builder.insecureRegistries.addAll(insecureRegistries);
        builder.caFiles.addAll(caFiles);
        builder.dockerConfig = dockerConfig;
        builder.credentials.putAll(credentials);
        builder.connectTimeout = connectTimeout;
        builder.readTimeout = readTimeout;
        builder.maxRetries = maxRetries;
        builder.maxParallelBlobs = maxParallelBlobs;
        builder.imageSources.addAll(imageSources);
        builder.mirrorFallback = mirrorFallback;
        return builder;
    }

    /** Builds {@link RegistrySettings}; every method adds to or replaces what the defaults hold. */
    public static final class Builder {
        private final Map<String, List<URI>> mirrors = new LinkedHashMap<>();
        private final Set<String> insecureRegistries = new LinkedHashSet<>();
        private final List<Path> caFiles = new ArrayList<>();
        private Optional<Path> dockerConfig = Optional.empty();
        private final Map<String, RegistryCredentials> credentials = new LinkedHashMap<>();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofMinutes(5);
        private int maxRetries = 3;
        private int maxParallelBlobs = 8;
        private final List<Path> imageSources = new ArrayList<>();
        private boolean mirrorFallback;

        private Builder() {
        }

        /** Adds a mirror for a registry domain ({@code docker.io -> http://127.0.0.1:5000}); mirrors are tried in order. */
        public Builder mirror(String domain, URI endpoint) {
            mirrors.computeIfAbsent(Objects.requireNonNull(domain, "domain"), d -> new ArrayList<>())
                    .add(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        /** Adds mirrors per registry domain. */
        public Builder mirrors(Map<String, List<URI>> endpoints) {
            endpoints.forEach((domain, list) -> list.forEach(uri -> mirror(domain, uri)));
            return this;
        }

        /** Allows plain HTTP to a {@code host[:port]}. */
        public Builder insecureRegistry(String hostAndPort) {
            insecureRegistries.add(Objects.requireNonNull(hostAndPort, "hostAndPort"));
            return this;
        }

        /** Allows plain HTTP to each {@code host[:port]}. */
        public Builder insecureRegistries(Collection<String> hostsAndPorts) {
            hostsAndPorts.forEach(this::insecureRegistry);
            return this;
        }

        /** Trusts the PEM CA certificates in {@code file} too. */
        public Builder caFile(Path file) {
            caFiles.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /** Reads and stores credentials in this docker {@code config.json} instead of the default one. */
        public Builder dockerConfig(Path file) {
            this.dockerConfig = Optional.of(file);
            return this;
        }

        /** Reads and stores credentials in this docker {@code config.json}, or the default one when empty. */
        public Builder dockerConfig(Optional<Path> file) {
            this.dockerConfig = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Credentials for a registry domain; they win over {@code config.json}. */
        public Builder credentials(String registry, RegistryCredentials value) {
            credentials.put(Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The connect timeout. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value, "value");
            return this;
        }

        /** The timeout of one request and its response. */
        public Builder readTimeout(Duration value) {
            this.readTimeout = Objects.requireNonNull(value, "value");
            return this;
        }

        /** Retries on connection errors, 5xx and 429. */
        public Builder maxRetries(int value) {
            this.maxRetries = value;
            return this;
        }

        /** Bound on concurrent blob transfers (8 by default). */
        public Builder maxParallelBlobs(int value) {
            this.maxParallelBlobs = value;
            return this;
        }

        /**
         * Adds an on-disk image source, searched before mirrors and registries (sources in the order added): an OCI
         * image layout directory ({@code skopeo copy ... oci:DIR:REF}), a {@code docker save} tarball (also the OCI
         * layout inside the tarballs of Docker 25+, and {@code oci-archive} tarballs) or a tree written by
         * {@code skopeo sync --dest dir} (or one {@code skopeo copy ... dir:DIR} image). Sources are read lazily,
         * once per client session.
         */
        public Builder imageSource(Path source) {
            Path path = Objects.requireNonNull(source, "source");
            if (!imageSources.contains(path)) {
                imageSources.add(path);
            }
            return this;
        }

        /** Adds on-disk image sources, in order; see {@link #imageSource(Path)}. */
        public Builder imageSources(Collection<Path> sources) {
            sources.forEach(this::imageSource);
            return this;
        }

        /**
         * Whether an image a mirror answered "not found" for is looked up at its origin registry too (false by
         * default: for a mirrored domain the mirrors' answer is final). A mirror that cannot be reached (connection
         * refused, unknown host, TLS or authentication failure, server error) falls back to the origin either way.
         */
        public Builder mirrorFallback(boolean value) {
            this.mirrorFallback = value;
            return this;
        }

        /** The settings. */
        public RegistrySettings build() {
            return new RegistrySettings(mirrors, insecureRegistries, caFiles, dockerConfig, credentials,
                    connectTimeout, readTimeout, maxRetries, maxParallelBlobs, imageSources, mirrorFallback);
        }
    }
}
