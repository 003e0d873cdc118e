package io.sealer.api.cluster;

import java.util.Optional;

/**
 * {@code spec.registry} of a v2 Clusterfile. When neither registry is given the parser uses {@link #DEFAULT}: a local
 * registry {@code sea.hub:5000} on every master.
 *
 * @param localRegistry the registry sealer runs on the masters, or {@code null}
 * @param externalRegistry a registry the user runs, or {@code null}
 */
public record ClusterRegistry(LocalRegistry localRegistry, ExternalRegistry externalRegistry) {
    /** A default local registry and no external one. */
    public static final ClusterRegistry DEFAULT = new ClusterRegistry(LocalRegistry.DEFAULT, null);

    public ClusterRegistry {
        if (localRegistry == null && externalRegistry == null) {
            localRegistry = LocalRegistry.DEFAULT;
        }
    }

    /** The local registry, if one is configured. */
    public Optional<LocalRegistry> local() {
        return Optional.ofNullable(localRegistry);
    }

    /** The external registry, if one is configured. */
    public Optional<ExternalRegistry> external() {
        return Optional.ofNullable(externalRegistry);
    }

    /** Domain images are pulled from: the external registry's if set, else the local one's. */
    public String domain() {
        return externalRegistry != null ? externalRegistry.domain() : localRegistry.domain();
    }

    /** {@code domain[:port]} images are pulled from: the external registry's if set, else the local one's. */
    public String url() {
        return externalRegistry != null ? externalRegistry.url() : localRegistry.url();
    }
}
