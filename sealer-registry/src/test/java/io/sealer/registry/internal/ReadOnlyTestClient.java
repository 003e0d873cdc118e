package io.sealer.registry.internal;

import io.sealer.api.event.Progress;
import io.sealer.api.image.ImageReference;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.api.spi.RegistryClient;
import io.sealer.api.spi.RegistryManifest;
import java.nio.file.Path;
import java.util.Optional;

/** Base of test registry clients that only read: default settings, pushes refused, nothing to close. */
public abstract class ReadOnlyTestClient implements RegistryClient {
    @Override
    public RegistrySettings settings() {
        return RegistrySettings.defaults();
    }

    @Override
    public void pushBlob(ImageReference repository, String digest, long size, Path source,
            Optional<ImageReference> mountFrom, Progress progress) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String pushManifest(ImageReference reference, RegistryManifest manifest) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
