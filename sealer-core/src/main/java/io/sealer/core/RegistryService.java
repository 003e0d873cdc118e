package io.sealer.core;

import io.sealer.api.event.ProgressListener;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Platform;
import io.sealer.core.internal.client.RegistryOperations;
import java.util.List;

/**
 * Cluster images in OCI registries (push, pull) and registry credentials (login, logout). Needs the
 * {@code sealer-registry} module on the class path or a registry provider given to {@link SealerClient.Builder};
 * without one each method throws {@link io.sealer.api.AdapterMissingException}. Obtained from
 * {@link SealerClient#registry()}.
 */
public final class RegistryService {
    private final RegistryOperations operations;

    RegistryService(RegistryOperations operations) {
        this.operations = operations;
    }

    /**
     * Pushes every platform of a stored image to the registry its name points at, as OCI images under one index.
     *
     * @return the digest of the pushed index
     * @throws io.sealer.api.ImageNotFoundException when the store does not have the name
     * @throws io.sealer.api.RegistryException naming the image (and blob) that failed
     */
    public String push(String name) {
        return push(name, ProgressListener.NONE);
    }

    /** {@link #push(String)}, reporting this call's events to {@code listener} too. */
    public String push(String name, ProgressListener listener) {
        return operations.push(name, listener);
    }

    /**
     * Pulls an image into the store for the given platforms (every platform the registry has when none are given),
     * verifying every blob and layer; nothing is listed unless everything arrived intact.
     *
     * @return the stored images
     * @throws io.sealer.api.ImageNotFoundException when the registry does not have the image or a platform
     */
    public List<ClusterImage> pull(String name, Platform... platforms) {
        return pull(name, List.of(platforms), ProgressListener.NONE);
    }

    /** {@link #pull(String, Platform...)}, reporting this call's events to {@code listener} too. */
    public List<ClusterImage> pull(String name, List<Platform> platforms, ProgressListener listener) {
        return operations.pull(name, platforms, listener);
    }

    /**
     * Checks the credentials against {@code registry} ({@code host[:port]}) and stores them in the docker
     * {@code config.json} ({@link io.sealer.api.registry.RegistrySettings#dockerConfig()}, else the default location).
     * The password never appears in messages or events.
     *
     * @return where the credentials were stored
     * @throws io.sealer.api.RegistryException when the registry refuses them; nothing is stored then
     */
    public String login(String registry, String username, String password) {
        return operations.login(registry, username, password);
    }

    /**
     * Removes the stored credentials of {@code registry}.
     *
     * @return true when there were some
     */
    public boolean logout(String registry) {
        return operations.logout(registry);
    }
}
