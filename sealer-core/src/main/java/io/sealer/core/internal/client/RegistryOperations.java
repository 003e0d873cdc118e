package io.sealer.core.internal.client;

import io.sealer.api.SealerException;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressListener;
import io.sealer.api.event.Subject;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import io.sealer.api.registry.RegistryCredentials;
import io.sealer.core.internal.registry.ClusterImages;
import io.sealer.core.internal.registry.RegistryAdapter;
import io.sealer.core.internal.registry.RegistrySession;
import io.sealer.core.internal.store.ImageStore;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/** Push, pull, login and logout through the client's registry adapter. */
public final class RegistryOperations {
    private final ClientRuntime runtime;

    /** @param runtime the client's settings and adapters */
    public RegistryOperations(ClientRuntime runtime) {
        this.runtime = runtime;
    }

    /** Pushes every platform of a stored image; returns the index digest. */
    public String push(String name, ProgressListener listener) {
        Progress push = runtime.progress(listener).start(OperationKind.PUSH, Subject.image(ImageReference.parse(name)),
                "pushing " + name);
        return reported(push, () -> {
            if (!runtime.storeExists()) {
                throw runtime.noStore(name); // before any registry is asked, and without making a store
            }
            return withClusterImages("pushing " + name, (images, store) -> images.push(store, name, push));
        }, digest -> "pushed " + digest);
    }

    /** Pulls the platforms of an image (all when empty) into the store. */
    public List<ClusterImage> pull(String name, List<Platform> platforms, ProgressListener listener) {
        ImageReference reference = ImageReference.parse(name);
        Progress pull = runtime.progress(listener).start(OperationKind.PULL, Subject.image(reference),
                "pulling " + reference.familiarName());
        return reported(pull, () -> withClusterImages("pulling " + name, (images, store) ->
                images.pull(store, reference, platforms, pull)), images -> "pulled " + images.size() + " platform(s)");
    }

    /** Checks and stores credentials; returns where they were stored. */
    public String login(String registry, String username, String password) {
        RegistryAdapter adapter = runtime.requireRegistry("logging in to " + registry);
        RegistryCredentials credentials = new RegistryCredentials(username, password);
        RegistryAdapter checking = adapter.with(adapter.settings().toBuilder().credentials(registry, credentials)
                .build());
        try (RegistrySession session = checking.open()) {
            session.client().checkAccess(registry);
        }
        adapter.credentialStore().store(registry, credentials);
        return adapter.credentialStore().location();
    }

    /** Removes stored credentials; true when there were some. */
    public boolean logout(String registry) {
        return runtime.requireRegistry("logging out of " + registry).credentialStore().remove(registry);
    }

    private <T> T withClusterImages(String operation,
            BiFunction<ClusterImages, ImageStore, T> action) {
        RegistryAdapter adapter = runtime.requireRegistry(operation);
        try (RegistrySession session = adapter.open()) {
            ClusterImages images = new ClusterImages(adapter.transport(), session);
            return runtime.withStore(store -> action.apply(images, store));
        }
    }

    private static <T> T reported(Progress progress, Supplier<T> work, Function<T, String> summary) {
        try {
            T result = work.get();
            progress.finished(summary.apply(result));
            return result;
        } catch (SealerException | IllegalArgumentException e) {
            progress.failed(e.getMessage());
            throw e;
        }
    }
}
