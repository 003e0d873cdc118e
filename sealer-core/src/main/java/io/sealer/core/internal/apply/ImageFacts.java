package io.sealer.core.internal.apply;

import io.sealer.api.image.ImageConfig;
import java.util.Objects;

/**
 * What a planner needs to know of the cluster image: its identity, its configuration, the prepared rootfs views of
 * each platform in use, and what it provides.
 *
 * @param name the image reference as the Clusterfile gives it
 * @param id the image's id (of the first platform in use)
 * @param config commands, args and applications
 * @param hasSeautil whether the image ships {@code bin/seautil} (node-side API-server balancing through IPVS)
 * @param appImage whether the image is an application image (no Kubernetes of its own)
 */
public record ImageFacts(String name, String id, ImageConfig config,
        boolean hasSeautil, boolean appImage) {
    public ImageFacts {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(config, "config");
    }
}
