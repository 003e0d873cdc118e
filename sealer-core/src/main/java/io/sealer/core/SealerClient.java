package io.sealer.core;

import io.sealer.api.ProgressListener;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.image.Platform;
import io.sealer.api.kubefile.Kubefile;
import io.sealer.core.clusterfile.ClusterfileParser;
import io.sealer.core.kubefile.KubefileParser;
import java.nio.file.Path;
import java.util.Objects;

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

    /** A builder with the defaults: store root per {@link StoreRoots#defaultRoot()}, host platform, no listener. */
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
     * The settings of a {@link SealerClient}.
     *
     * @param storeRoot root directory of the local image store
     * @param platform default target platform of builds and the platform picked by lookups
     * @param listener receives progress events
     */
    public record SealerSettings(Path storeRoot, Platform platform, ProgressListener listener) {
        public SealerSettings {
            Objects.requireNonNull(storeRoot, "storeRoot");
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(listener, "listener");
        }
    }

    /** Builds a {@link SealerClient}. */
    public static final class Builder {
        private Path storeRoot = StoreRoots.defaultRoot();
        private Platform platform = Platform.host();
        private ProgressListener listener = ProgressListener.NONE;

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

        public SealerClient build() {
            return new SealerClient(new SealerSettings(storeRoot, platform, listener));
        }
    }
}
