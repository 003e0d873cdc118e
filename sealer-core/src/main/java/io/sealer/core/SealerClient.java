package io.sealer.core;

import io.sealer.api.ProgressListener;
import io.sealer.api.SealerException;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import io.sealer.api.kubefile.Kubefile;
import io.sealer.api.spi.RegistryCredentials;
import io.sealer.api.spi.RegistrySettings;
import io.sealer.core.internal.build.BaseImageSource;
import io.sealer.core.internal.build.BuildEngine;
import io.sealer.core.internal.build.BuildExtension;
import io.sealer.core.BuildRequest;
import io.sealer.core.internal.clusterfile.ClusterfileParser;
import io.sealer.core.internal.kubefile.KubefileParser;
import io.sealer.core.internal.registry.ClusterImages;
import io.sealer.core.internal.registry.RegistryAdapter;
import io.sealer.core.internal.registry.RegistryBaseImages;
import io.sealer.core.internal.registry.RegistryCacheExtension;
import io.sealer.core.internal.registry.RegistrySession;
import io.sealer.core.internal.store.ImageStore;
import io.sealer.core.ImageSummary;
import io.sealer.core.RemovalResult;
import io.sealer.core.internal.store.StorePaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The entry point of the SDK. Build one with {@link #builder()}; it is immutable and thread-safe.
 *
 * <pre>{@code
 * SealerClient sealer = SealerClient.builder().storeRoot(Path.of("/var/lib/sealer")).build();
 * Kubefile kubefile = sealer.parseKubefile(Path.of("Kubefile"));
 * Clusterfile clusterfile = sealer.loadClusterfile(Path.of("Clusterfile"));
 * }</pre>
 */
public final class SealerClient {
    private final SealerSettings settings;
    private final KubefileParser kubefileParser = new KubefileParser();
    private final ClusterfileParser clusterfileParser = new ClusterfileParser();

    private SealerClient(SealerSettings settings) {
        this.settings = settings;
    }

    /** A builder with the defaults: store root per {@link StorePaths#defaultRoot()}, host platform, no listener. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings this client was built with. */
    public SealerSettings settings() {
        return settings;
    }

    /**
     * Parses and validates a Kubefile.
     *
     * @throws io.sealer.api.KubefileException naming the file, line and offending text
     */
    public Kubefile parseKubefile(Path kubefile) {
        return kubefileParser.parse(kubefile);
    }

    /**
     * Parses and validates a Clusterfile (all its documents).
     *
     * @throws io.sealer.api.ClusterfileException naming the file, document field path and problem
     */
    public Clusterfile loadClusterfile(Path clusterfile) {
        return clusterfileParser.parse(clusterfile);
    }

    /**
     * Builds the Kubefile in {@code contextDir} for the client's platform, named after the directory
     * ({@code <dir>:latest}).
     *
     * @return the stored image
     */
    public ClusterImage build(Path contextDir) {
        return build(BuildRequest.builder(contextDir).build(settings.platform())).get(0);
    }

    /**
     * Builds a cluster image per platform of the request and stores them under its tag.
     *
     * @throws io.sealer.api.BuildException naming the Kubefile line that failed; the store lists nothing new then
     */
    public List<ClusterImage> build(BuildRequest request) {
        Optional<RegistryAdapter> adapter = RegistryAdapter.find(settings.registry());
        if (adapter.isEmpty()) {
            return withStore(store -> new BuildEngine(store, settings.listener(), BaseImageSource.NONE,
                    List.<BuildExtension>of()).build(request));
        }
        int parallel = settings.registry().maxParallelBlobs();
        try (RegistrySession session = adapter.get().open()) {
            BaseImageSource bases = adapter.get().provider().transport().<BaseImageSource>map(t ->
                    new RegistryBaseImages(new ClusterImages(t, session, parallel))).orElse(BaseImageSource.NONE);
            List<BuildExtension> extensions = adapter.get().provider().cacheWriter().<BuildExtension>map(w ->
                    new RegistryCacheExtension(w, session, parallel)).map(List::of).orElse(List.of());
            return withStore(store -> new BuildEngine(store, settings.listener(), bases, extensions).build(request));
        }
    }

    /**
     * Pushes every platform of a stored image to the registry its name points at, as OCI images under one index.
     *
     * @return the digest of the pushed index
     * @throws io.sealer.api.ImageNotFoundException when the store does not have the name
     * @throws io.sealer.api.RegistryException naming the image (and blob) that failed
     */
    public String push(String name) {
        return withClusterImages((images, store) -> images.push(store, name, settings.listener()));
    }

    /**
     * Pulls an image from its registry into the store, for the given platforms (every platform the registry has when
     * empty), verifying every blob and layer; nothing is listed unless everything arrived intact.
     *
     * @return the stored images
     * @throws io.sealer.api.ImageNotFoundException when the registry does not have the image or a platform
     */
    public List<ClusterImage> pull(String name, List<Platform> platforms) {
        ImageReference reference = ImageReference.parse(name);
        return withClusterImages((images, store) -> images.pull(store, reference, platforms, settings.listener()));
    }

    private <T> T withClusterImages(BiFunction<ClusterImages, ImageStore, T> action) {
        RegistryAdapter adapter = requireAdapter();
        try (RegistrySession session = adapter.open()) {
            ClusterImages images = new ClusterImages(adapter.transport(), session,
                    settings.registry().maxParallelBlobs());
            return withStore(store -> action.apply(images, store));
        }
    }

    /**
     * Checks the credentials against {@code registry} ({@code host[:port]}) and stores them in the docker
     * {@code config.json} ({@link RegistrySettings#dockerConfig()}, else the default location).
     *
     * @return where the credentials were stored
     * @throws io.sealer.api.RegistryException when the registry refuses them; nothing is stored then
     */
    public String login(String registry, String username, String password) {
        RegistryAdapter adapter = requireAdapter();
        RegistryCredentials credentials = new RegistryCredentials(username, password);
        RegistrySettings withCredentials = settings.registry().withCredentials(Map.of(registry, credentials));
        try (RegistrySession session = new RegistryAdapter(adapter.provider(), withCredentials).open()) {
            session.client().checkAccess(registry);
        }
        adapter.credentialStore().store(registry, credentials);
        return adapter.credentialStore().location();
    }

    /**
     * Removes the stored credentials of {@code registry}.
     *
     * @return true when there were some
     */
    public boolean logout(String registry) {
        return requireAdapter().credentialStore().remove(registry);
    }

    private RegistryAdapter requireAdapter() {
        return RegistryAdapter.find(settings.registry()).orElseThrow(() -> new SealerException(
                "no registry adapter on the class path: add sealer-registry to use registries"));
    }

    /** A request builder for {@link #build(BuildRequest)}, with the client's platform as default. */
    public BuildRequest.Builder buildRequest(Path contextDir) {
        return BuildRequest.builder(contextDir);
    }

    /** Every stored image, one row per name and platform. */
    public List<ImageSummary> images() {
        return withStore(ImageStore::list);
    }

    /** The stored image of a name (or id) for every platform it has. */
    public List<ClusterImage> inspect(String nameOrId) {
        return withStore(store -> store.inspect(nameOrId));
    }

    /** The stored image of a name (or id) for one platform, if present. */
    public Optional<ClusterImage> find(String nameOrId, Platform platform) {
        return withStore(store -> store.find(nameOrId, Optional.of(platform)));
    }

    /** Gives every platform of {@code source} the additional name {@code target}. */
    public List<ClusterImage> tag(String source, String target) {
        return withStore(store -> store.tag(source, target));
    }

    /** Removes a name (all platforms, or one) and the layers no other image uses. */
    public RemovalResult removeImage(String nameOrId, Optional<Platform> platform) {
        return withStore(store -> store.rmi(nameOrId, platform));
    }

    /** Removes unreferenced layers and leftovers of interrupted operations. */
    public RemovalResult prune() {
        return withStore(ImageStore::prune);
    }

    /** Writes the named images (all their platforms) into one tar file. */
    public void save(Path file, List<String> names) {
        withStore(store -> {
            store.save(file, names);
            return null;
        });
    }

    /** Loads images from a file written by {@link #save}, verifying every layer. */
    public List<ClusterImage> load(Path file) {
        return withStore(store -> store.load(file));
    }

    private <T> T withStore(Function<ImageStore, T> action) {
        try (ImageStore store = ImageStore.open(settings.storeRoot())) {
            return action.apply(store);
        }
    }

    /**
     * The settings of a {@link SealerClient}.
     *
     * @param storeRoot root directory of the local image store
     * @param platform default target platform of builds and the platform picked by lookups
     * @param listener receives progress events
     * @param registry mirrors, insecure registries, credentials and parallelism for registry access
     */
    public record SealerSettings(Path storeRoot, Platform platform, ProgressListener listener,
            RegistrySettings registry) {
        public SealerSettings {
            Objects.requireNonNull(storeRoot, "storeRoot");
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(registry, "registry");
        }
    }

    /** Builds a {@link SealerClient}. */
    public static final class Builder {
        private Path storeRoot = StorePaths.defaultRoot();
        private Platform platform = Platform.host();
        private ProgressListener listener = ProgressListener.NONE;
        private RegistrySettings registry = RegistrySettings.defaults();

        private Builder() {
        }

        /** Root of the local store ({@code /var/lib/sealer} for root, {@code ~/.sealer} otherwise by default). */
        public Builder storeRoot(Path root) {
            this.storeRoot = Objects.requireNonNull(root, "root");
            return this;
        }

        /** Default platform for builds and lookups (the host's by default). */
        public Builder platform(Platform platform) {
            this.platform = Objects.requireNonNull(platform, "platform");
            return this;
        }

        /** Receives progress events from every operation. */
        public Builder listener(ProgressListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * How to reach registries: mirrors ({@code docker.io -> http://127.0.0.1:5000}), insecure registries, CA files,
         * the docker {@code config.json}, credentials and the bound on parallel blob transfers
         * ({@link RegistrySettings#defaults()} by default).
         */
        public Builder registrySettings(RegistrySettings settings) {
            this.registry = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public SealerClient build() {
            return new SealerClient(new SealerSettings(storeRoot, platform, listener, registry));
        }
    }
}
