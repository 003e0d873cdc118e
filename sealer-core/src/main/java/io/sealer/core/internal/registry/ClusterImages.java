package io.sealer.core.internal.registry;

import io.sealer.api.ImageNotFoundException;
import io.sealer.api.event.Progress;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import io.sealer.api.spi.ClusterImageTransport;
import io.sealer.core.internal.store.ImageStore;
import java.util.ArrayList;
import java.util.List;

/** Push and pull of cluster images between the local store and registries, through the registry adapter. */
public final class ClusterImages {
    private final ClusterImageTransport transport;
    private final RegistrySession session;

    /**
     * @param transport the adapter's transport
     * @param session the registry client to use
     */
    public ClusterImages(ClusterImageTransport transport, RegistrySession session) {
        this.transport = transport;
        this.session = session;
    }

    /**
     * Pushes every platform of a stored image under its name.
     *
     * @return the digest of the pushed index
     * @throws ImageNotFoundException when the store does not have the name
     */
    public String push(ImageStore store, String name, Progress progress) {
        List<ClusterImage> images = store.inspect(name);
        ImageReference target = ImageReference.parse(images.get(0).name());
        try (StoreLayers layers = new StoreLayers(store)) {
            return transport.push(session.client(), target, images, layers, progress);
        }
    }

    /**
     * Pulls the platforms of an image (every platform the registry has when {@code platforms} is empty) and commits
     * them to the store under the reference's name; nothing is listed unless every layer arrived intact.
     *
     * @return the committed images
     */
    public List<ClusterImage> pull(ImageStore store, ImageReference reference, List<Platform> platforms,
            Progress progress) {
        List<ClusterImage> pulled;
        try (StoreLayers layers = new StoreLayers(store)) {
            pulled = transport.pull(session.client(), reference, platforms, layers, progress);
        }
        List<ClusterImage> committed = new ArrayList<>();
        for (ClusterImage image : pulled) {
            committed.add(store.commit(image));
        }
        return committed;
    }
}
