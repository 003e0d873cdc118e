package io.sealer.registry.internal.client;

import io.sealer.api.image.ImageReference;
import io.sealer.api.spi.RegistryClient;
import io.sealer.api.spi.RegistryManifest;
import java.util.List;
import java.util.Optional;

/**
 * A {@link RegistryClient} that can say which sources it asked for a manifest and what each answered, so that a
 * missing image is reported with every image source, mirror and registry searched.
 */
public interface LookupClient extends RegistryClient {
    /**
     * Looks a manifest up by the reference's digest, or else by its tag, in every source that may have it, in order,
     * until one has it.
     *
     * @throws io.sealer.api.RegistryException when a source has it but it is corrupt, or the configuration is wrong
     */
    ManifestLookup lookupManifest(ImageReference reference);

    /**
     * {@inheritDoc}
     *
     * @throws io.sealer.api.RegistryException naming every source asked and its answer, when none had the manifest
     *                                         and the last one asked could not answer
     */
    @Override
    default Optional<RegistryManifest> fetchManifest(ImageReference reference) {
        return lookupManifest(reference).orFailure();
    }

    /** A lookup through any client: with this interface the client's own, else one attempt at "its registry". */
    static ManifestLookup lookup(RegistryClient client, ImageReference reference) {
        if (client instanceof LookupClient lookups) {
            return lookups.lookupManifest(reference);
        }
        Optional<RegistryManifest> manifest = client.fetchManifest(reference);
        return new ManifestLookup(reference.toString(), manifest, manifest.isPresent() ? List.of()
                : List.of(Attempt.notFound("its registry (or any mirror)")));
    }
}
