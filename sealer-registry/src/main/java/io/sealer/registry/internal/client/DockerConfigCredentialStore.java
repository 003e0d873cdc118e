package io.sealer.registry.internal.client;

import io.sealer.api.spi.CredentialStore;
import io.sealer.api.registry.RegistryCredentials;
import java.nio.file.Path;
import java.util.Objects;

/** {@link CredentialStore} over a docker {@code config.json}, written as {@code docker login} writes it. */
public final class DockerConfigCredentialStore implements CredentialStore {
    private final Path file;

    /** @param file the {@code config.json} to read and rewrite */
    public DockerConfigCredentialStore(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public void store(String registry, RegistryCredentials credentials) {
        DockerConfig.load(file).withCredentials(registry, credentials).write(file);
    }

    @Override
    public boolean remove(String registry) {
        DockerConfig config = DockerConfig.load(file);
        if (!config.hasAuthsEntry(registry)) {
            return false;
        }
        config.withoutCredentials(registry).write(file);
        return true;
    }

    @Override
    public String location() {
        return file.toString();
    }
}
