package io.sealer.api.event;

/** What an {@link Operation} is, so a listener can choose what to show without reading descriptions. */
public enum OperationKind {
    /** A whole build of one Kubefile (all its platforms). */
    BUILD,
    /** One platform image of a build. */
    IMAGE,
    /** One Kubefile instruction. */
    INSTRUCTION,
    /** Finding the container images that a build's layers need. */
    DISCOVERY,
    /** Caching container images into the registry-cache layer. */
    REGISTRY_CACHE,
    /** One container image being cached, pushed or pulled. */
    CONTAINER_IMAGE,
    /** One blob moving to or from a registry. */
    BLOB,
    /** One layer being written, compressed or extracted. */
    LAYER,
    /** Pushing a cluster image to a registry. */
    PUSH,
    /** Pulling a cluster image from a registry. */
    PULL,
    /** Removing images or layers from the local store. */
    STORE,
    /** Installing, scaling or deleting a cluster. */
    APPLY,
    /** The work on one host. */
    HOST,
    /** One step of an install plan. */
    STEP,
    /** One plugin run. */
    PLUGIN,
    /** Anything else, such as a warning outside any operation. */
    OTHER
}
