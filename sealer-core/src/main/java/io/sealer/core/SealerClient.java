package io.sealer.core;

import io.sealer.api.build.BuildRequest;
import io.sealer.api.event.ProgressListener;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Platform;
import io.sealer.api.plugin.Plugin;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.api.spi.HostConnector;
import io.sealer.api.spi.RegistryClientProvider;
import io.sealer.api.ssh.SshSettings;
import io.sealer.core.internal.client.Adapters;
import io.sealer.core.internal.client.BuildRunner;
import io.sealer.core.internal.client.ClientRuntime;
import io.sealer.core.internal.client.RegistryOperations;
import io.sealer.core.internal.store.StorePaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The entry point of the SDK. Build one with {@link #builder()}; it is immutable and thread-safe, and hands out small
 * services with one job each: {@link #images()}, {@link #registry()}, {@link #builds()} and {@link #clusters()}.
 * Close it when done: it may hold pooled connections to hosts.
 *
 * <pre>{@code
 * try (SealerClient sealer = SealerClient.builder().storeRoot(Path.of("/var/lib/sealer")).build()) {
 *     ClusterImage image = sealer.build(Path.of("my-app"));           // the Kubefile in my-app, as my-app:latest
 *     sealer.images().tag(image.name(), "registry.local/my-app:1.0");
 *     sealer.registry().push("registry.local/my-app:1.0");
 * }
 * }</pre>
 */
public final class SealerClient implements AutoCloseable {
    private final ClientRuntime runtime;
    private final ImageService images;
    private final RegistryService registry;
    private final BuildService builds;
    private final ClusterService clusters;

    private SealerClient(ClientRuntime runtime) {
        this.runtime = runtime;
        this.images = new ImageService(runtime);
        this.registry = new RegistryService(new RegistryOperations(runtime));
        this.builds = new BuildService(new BuildRunner(runtime), runtime::platform);
        this.clusters = new ClusterService(runtime);
    }

    /**
     * A builder with the defaults: the store at {@code /var/lib/sealer} for root ({@code ~/.sealer} otherwise), the
     * host's platform, no listener, default registry settings, adapters found on the class path.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The store root a client uses when given none: {@code /var/lib/sealer} for root, {@code ~/.sealer} otherwise. */
    public static Path defaultStoreRoot() {
        return StorePaths.defaultRoot();
    }

    /** The local image store. */
    public ImageService images() {
        return images;
    }

    /** Cluster images in registries, and registry credentials. */
    public RegistryService registry() {
        return registry;
    }

    /** Kubefiles and builds. */
    public BuildService builds() {
        return builds;
    }

    /** Clusterfiles and clusters. */
    public ClusterService clusters() {
        return clusters;
    }

    /**
     * Builds the Kubefile in {@code contextDir} for the client's platform, named after the directory
     * ({@code <dir>:latest}): the shortcut for {@code builds().build(BuildRequest.builder(contextDir).build())}.
     *
     * @return the stored image
     * @throws io.sealer.api.BuildException naming the Kubefile line that failed
     */
    public ClusterImage build(Path contextDir) {
        return builds.build(BuildRequest.builder(contextDir).build()).get(0);
    }

    /**
     * Applies a Clusterfile: installs the cluster it describes on its hosts over SSH (or scales it, when it was
     * applied before and its hosts changed): the shortcut for {@code clusters().apply(clusterfile)}.
     *
     * @return what was done on each host
     * @throws io.sealer.api.StepFailedException naming the host, step, exit status and last output lines
     */
    public io.sealer.api.cluster.ApplyResult apply(Path clusterfile) {
        return clusters.apply(clusterfile);
    }

    /** Root of the local image store. */
    public Path storeRoot() {
        return runtime.storeRoot();
    }

    /** The default platform of builds and lookups. */
    public Platform platform() {
        return runtime.platform();
    }

    /** How this client reaches registries. */
    public RegistrySettings registrySettings() {
        return runtime.registrySettings();
    }

    /** The plugins this client knows: those given to the builder, then those on the class path. */
    public List<Plugin> plugins() {
        return runtime.adapters().plugins();
    }

    /**
     * Releases pooled resources (connections to hosts of a connector this client loaded itself). Called while an
     * operation runs (from a shutdown hook on Ctrl-C), it also deletes that operation's temporary files in the store
     * and releases its layer leases; the operation then fails, and the store lists nothing half-made.
     */
    @Override
    public void close() {
        runtime.close();
    }

    /** Builds a {@link SealerClient}. */
    public static final class Builder {
        private Path storeRoot;
        private Platform platform;
        private ProgressListener listener = ProgressListener.NONE;
        private RegistrySettings registrySettings = RegistrySettings.defaults();
        private RegistryClientProvider registryProvider;
        private HostConnector hostConnector;
        private SshSettings sshSettings = SshSettings.defaults();
        private final List<Plugin> plugins = new ArrayList<>();
        private ClassLoader adapterLoader = SealerClient.class.getClassLoader();

        private Builder() {
        }

        /** Root of the local store ({@code /var/lib/sealer} for root, {@code ~/.sealer} otherwise by default). */
        public Builder storeRoot(Path root) {
            this.storeRoot = Objects.requireNonNull(root, "root");
            return this;
        }

        /** Default platform for builds and lookups (the host's by default). */
        public Builder platform(Platform value) {
            this.platform = Objects.requireNonNull(value, "value");
            return this;
        }

        /** Receives the progress events of every operation; each call may add a listener of its own. */
        public Builder listener(ProgressListener value) {
            this.listener = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * How to reach registries: mirrors, insecure registries, CA files, the docker {@code config.json},
         * credentials, timeouts and blob parallelism ({@link RegistrySettings#defaults()} by default).
         */
        public Builder registrySettings(RegistrySettings value) {
            this.registrySettings = Objects.requireNonNull(value, "value");
            return this;
        }

        /** The registry adapter to use instead of the one found on the class path ({@code sealer-registry}). */
        public Builder registryProvider(RegistryClientProvider value) {
            this.registryProvider = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * The host connector to use instead of the one found on the class path ({@code sealer-ssh}). The caller
         * keeps ownership: closing the client does not close it.
         */
        public Builder hostConnector(HostConnector value) {
            this.hostConnector = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * How to reach hosts over SSH: known hosts and the host-key policy, identities, timeouts, keep-alive
         * ({@link SshSettings#defaults()} by default: host keys checked against {@code ~/.ssh/known_hosts}).
         */
        public Builder sshSettings(SshSettings value) {
            this.sshSettings = Objects.requireNonNull(value, "value");
            return this;
        }

        /** A plugin, besides those found on the class path; given plugins come first. */
        public Builder plugin(Plugin value) {
            plugins.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Where adapters and plugins missing from this builder are looked up with {@link java.util.ServiceLoader}
         * (the SDK's own class loader by default); looked up once per client, on first use.
         */
        public Builder adapterClassLoader(ClassLoader value) {
            this.adapterLoader = Objects.requireNonNull(value, "value");
            return this;
        }

        /** The client. */
        public SealerClient build() {
            Adapters adapters = new Adapters(Optional.ofNullable(registryProvider), Optional.ofNullable(hostConnector),
                    sshSettings, plugins, adapterLoader);
            return new SealerClient(new ClientRuntime(storeRoot != null ? storeRoot : StorePaths.defaultRoot(),
                    platform != null ? platform : Platform.host(), listener, registrySettings, adapters));
        }
    }
}
