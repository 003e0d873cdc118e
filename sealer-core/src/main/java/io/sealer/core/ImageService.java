package io.sealer.core;

import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageSummary;
import io.sealer.api.image.Platform;
import io.sealer.api.image.RemovalResult;
import io.sealer.core.internal.client.ClientRuntime;
import io.sealer.core.internal.store.ImageStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The local image store: list, inspect, find, tag, remove, prune, save and load cluster images. Obtained from
 * {@link SealerClient#images()}; thread-safe, and safe against other processes using the same store.
 */
public final class ImageService {
    private final ClientRuntime runtime;

    ImageService(ClientRuntime runtime) {
        this.runtime = runtime;
    }

    /** Every stored image, one row per name and platform, sorted by name and platform. */
    public List<ImageSummary> list() {
        return runtime.withStore(ImageStore::list);
    }

    /**
     * The stored image of a name (or id) for every platform it has.
     *
     * @throws io.sealer.api.ImageNotFoundException when the store has no such name or id
     */
    public List<ClusterImage> inspect(String nameOrId) {
        return runtime.withStore(store -> store.inspect(nameOrId));
    }

    /** The stored image of a name (or id) for the client's platform, if present. */
    public Optional<ClusterImage> find(String nameOrId) {
        return find(nameOrId, runtime.platform());
    }

    /** The stored image of a name (or id) for one platform, if present. */
    public Optional<ClusterImage> find(String nameOrId, Platform platform) {
        return runtime.withStore(store -> store.find(nameOrId, Optional.of(platform)));
    }

    /**
     * Gives every platform of {@code source} the additional name {@code target}; ids do not change.
     *
     * @throws io.sealer.api.ImageNotFoundException when the store does not have {@code source}
     */
    public List<ClusterImage> tag(String source, String target) {
        return runtime.withStore(store -> store.tag(source, target));
    }

    /** Removes a name (every platform) and the layers no other image uses. */
    public RemovalResult remove(String nameOrId) {
        return runtime.withStore(store -> store.rmi(nameOrId, Optional.empty()));
    }

    /** Removes one platform of a name and the layers no other image uses. */
    public RemovalResult remove(String nameOrId, Platform platform) {
        return runtime.withStore(store -> store.rmi(nameOrId, Optional.of(platform)));
    }

    /** Removes unreferenced layers and leftovers of interrupted operations. */
    public RemovalResult prune() {
        return runtime.withStore(ImageStore::prune);
    }

    /** Writes the named images (all their platforms) into one tar file. */
    public void save(Path file, List<String> names) {
        runtime.withStore(store -> {
            store.save(file, names);
            return null;
        });
    }

    /** Loads images from a file written by {@link #save}, verifying every layer. */
    public List<ClusterImage> load(Path file) {
        return runtime.withStore(store -> store.load(file));
    }
}
