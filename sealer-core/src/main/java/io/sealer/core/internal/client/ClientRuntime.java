package io.sealer.core.internal.client;

import io.sealer.api.ImageNotFoundException;
import io.sealer.api.StoreException;
import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressListener;
import io.sealer.api.image.Platform;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.core.internal.io.IoFailures;
import io.sealer.core.internal.registry.RegistryAdapter;
import io.sealer.core.internal.store.ImageStore;
import io.sealer.core.internal.store.StorePaths;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything the services of one client share: the store root, the default platform, where events go, the registry
 * settings and the adapters. Immutable apart from the adapters' one-time lookups; thread-safe.
 */
public final class ClientRuntime implements AutoCloseable {
    private final Path storeRoot;
    private final Platform platform;
    private final Progress progress;
    private final RegistrySettings registrySettings;
    private final Adapters adapters;
    private final Set<ImageStore> openStores = ConcurrentHashMap.newKeySet();

    /**
     * @param storeRoot root of the local image store
     * @param platform default platform of builds and lookups
     * @param listener the client's listener
     * @param registrySettings how to reach registries
     * @param adapters the adapters given or found
     */
    public ClientRuntime(Path storeRoot, Platform platform, ProgressListener listener,
            RegistrySettings registrySettings, Adapters adapters) {
        this.storeRoot = Objects.requireNonNull(storeRoot, "storeRoot");
        this.platform = Objects.requireNonNull(platform, "platform");
        this.progress = Progress.to(listener);
        this.registrySettings = Objects.requireNonNull(registrySettings, "registrySettings");
        this.adapters = Objects.requireNonNull(adapters, "adapters");
    }

    /** Root of the local image store. */
    public Path storeRoot() {
        return storeRoot;
    }

    /** The default platform. */
    public Platform platform() {
        return platform;
    }

    /** Where this client's events go, plus {@code perCall}'s listener (one id space for the client). */
    public Progress progress(ProgressListener perCall) {
        return progress.alsoTo(perCall);
    }

    /** How registries are reached. */
    public RegistrySettings registrySettings() {
        return registrySettings;
    }

    /** The adapters. */
    public Adapters adapters() {
        return adapters;
    }

    /** The registry adapter with this client's settings, if there is one. */
    public Optional<RegistryAdapter> registry() {
        return adapters.registry().map(p -> new RegistryAdapter(p, registrySettings));
    }

    /** The registry adapter, or an error naming the missing module. */
    public RegistryAdapter requireRegistry(String operation) {
        return new RegistryAdapter(adapters.requireRegistry(operation), registrySettings);
    }

    /**
     * Opens the store, runs {@code action} and closes the store. This is the boundary of every operation: an I/O
     * failure that escaped as {@link UncheckedIOException} leaves as a {@link StoreException} naming the store.
     */
    public <T> T withStore(Function<ImageStore, T> action) {
        try (ImageStore store = ImageStore.open(storeRoot)) {
            openStores.add(store);
            try {
                return action.apply(store);
            } finally {
                openStores.remove(store);
            }
        } catch (UncheckedIOException e) {
            throw new StoreException(storeRoot.toString(), IoFailures.describe(e.getCause()), e.getCause());
        }
    }

    /**
     * {@link #withStore} for an operation that only reads or changes what is stored: when no store was ever made at
     * the root (no {@code .lock} file there), {@code absent} answers instead and nothing is created, so that a
     * mistyped root is not turned into a new store by a look at it.
     */
    public <T> T withExistingStore(Function<ImageStore, T> action, Supplier<T> absent) {
        return storeExists() ? withStore(action) : absent.get();
    }

    /** True when a store was made at the root (its {@code .lock} file is there). */
    public boolean storeExists() {
        return Files.exists(new StorePaths(storeRoot).lockFile(), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * {@link #withExistingStore} for an operation on {@code reference}: where no store was ever made, the image is
     * not found (and nothing is created).
     */
    public <T> T withStoreHolding(String reference, Function<ImageStore, T> action) {
        return withExistingStore(action, () -> {
            throw noStore(reference);
        });
    }

    /** The error of an operation that needs {@code reference} in a store that was never made. */
    public ImageNotFoundException noStore(String reference) {
        return new ImageNotFoundException(reference, "image not found: there is no image store at " + storeRoot);
    }

    /** Abandons the stores of operations still running (see {@link ImageStore#abandon()}), then the adapters. */
    @Override
    public void close() {
        for (ImageStore store : openStores) {
            store.abandon();
        }
        adapters.close();
    }
}
