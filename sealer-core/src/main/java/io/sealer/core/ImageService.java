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
import java.util.function.Function;

/**
 * The local image store: list, inspect, find, tag, remove, prune, save and load cluster images. Obtained from
 * {@link SealerClient#images()}; thread-safe, and safe against other processes using the same store. Only
 * {@link #load} creates a store where there is none: the others find no image there and leave the path untouched.
 */
public final class ImageService {
    private final ClientRuntime runtime;

    ImageService(ClientRuntime runtime) {
        this.runtime = runtime;
    }

    /** Every stored image, one row per name and platform, sorted by name and platform. */
    public List<ImageSummary> list() {
        return runtime.withExistingStore(ImageStore::list, List::of);
    }

    /**
     * The stored image of a name (or id) for every platform it has.
     *
     * @throws io.sealer.api.ImageNotFoundException when the store has no such name or id
     */
    public List<ClusterImage> inspect(String nameOrId) {
        return runtime.withStoreHolding(nameOrId, store -> store.inspect(nameOrId));
    }

    /** The stored image of a name (or id) for the client's platform, if present. */
    public Optional<ClusterImage> find(String nameOrId) {
        return find(nameOrId, runtime.platform());
    }

    /** The stored image of a name (or id) for one platform, if present. */
    public Optional<ClusterImage> find(String nameOrId, Platform platform) {
        return runtime.withExistingStore(store -> store.find(nameOrId, Optional.of(platform)), Optional::empty);
    }

    /**
     * Gives every platform of {@code source} the additional name {@code target}; ids do not change.
     *
     * @throws io.sealer.api.ImageNotFoundException when the store does not have {@code source}
     */
    public List<ClusterImage> tag(String source, String target) {
        return runtime.withStoreHolding(source, store -> store.tag(source, target));
    }

    /** Removes a name (every platform) and the layers no other image uses. */
    public RemovalResult remove(String nameOrId) {
        return runtime.withStoreHolding(nameOrId, store -> store.rmi(nameOrId, Optional.empty()));
    }

    /** Removes one platform of a name and the layers no other image uses. */
    public RemovalResult remove(String nameOrId, Platform platform) {
        return runtime.withStoreHolding(nameOrId, store -> store.rmi(nameOrId, Optional.of(platform)));
    }

    /** Removes unreferenced layers and leftovers of interrupted operations. */
    public RemovalResult prune() {
        return runtime.withExistingStore(ImageStore::prune, () -> new RemovalResult(List.of(), List.of(), 0));
    }

    /** Writes the named images (all their platforms) into one tar file. */
    public void save(Path file, List<String> names) {
        Function<ImageStore, Void> save = store -> {
            store.save(file, names);
            return null;
        };
        if (names.isEmpty()) {
            runtime.withStore(save); // an empty archive
            return;
        }
        runtime.withStoreHolding(names.get(0), save);
    }

    /** Loads images from a file written by {@link #save}, verifying every layer. */
    public List<ClusterImage> load(Path file) {
        return runtime.withStore(store -> store.load(file));
    }
}
