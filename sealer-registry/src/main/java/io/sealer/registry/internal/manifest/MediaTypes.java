package io.sealer.registry.internal.manifest;

import java.util.Set;

/** Manifest media types of the Docker and OCI image formats. */
public final class MediaTypes {
    /** Docker image manifest, schema 2. */
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    /** Docker manifest list. */
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    /** OCI image manifest. */
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** OCI image index. */
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    /** OCI image config. */
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    /** OCI layer, an uncompressed tar. */
    public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
    /** OCI layer, a gzip-compressed tar. */
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    /** OCI layer, a zstd-compressed tar. */
    public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";

    private static final Set<String> INDEXES = Set.of(DOCKER_MANIFEST_LIST, OCI_INDEX);
    private static final Set<String> MANIFESTS = Set.of(DOCKER_MANIFEST, OCI_MANIFEST);

    private MediaTypes() {
    }

    /** True for a manifest list or image index. */
    public static boolean isIndex(String mediaType) {
        return INDEXES.contains(mediaType);
    }

    /** True for a single-platform image manifest. */
    public static boolean isImageManifest(String mediaType) {
        return MANIFESTS.contains(mediaType);
    }
}
