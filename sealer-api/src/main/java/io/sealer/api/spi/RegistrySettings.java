package io.sealer.api.spi;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How to reach registries: mirrors per domain, which registries may be spoken to over plain HTTP, trust and
 * credentials, timeouts and bounds.
 *
 * @param mirrors mirror endpoints per registry domain (e.g. {@code docker.io -> http://127.0.0.1:5000}), tried in order
 *                before the origin
 * @param insecureRegistries {@code host[:port]} entries that may use plain HTTP ({@code localhost} and
 *                           {@code 127.0.0.0/8} always may)
 * @param caFiles extra PEM CA certificates to trust
 * @param dockerConfig the docker {@code config.json} to read credentials from, absent for the default location
 * @param credentials credentials given through the SDK, per registry domain; they win over {@code config.json}
 * @param connectTimeout connect timeout
 * @param readTimeout timeout for one request/response
 * @param maxRetries retries on connection errors, 5xx and 429
 * @param maxParallelBlobs bound on concurrent blob transfers
 */
public record RegistrySettings(Map<String, List<URI>> mirrors, Set<String> insecureRegistries, List<Path> caFiles,
        Optional<Path> dockerConfig, Map<String, RegistryCredentials> credentials, Duration connectTimeout,
        Duration readTimeout, int maxRetries, int maxParallelBlobs) {

    public RegistrySettings {
        mirrors = Map.copyOf(mirrors);
        insecureRegistries = Set.copyOf(insecureRegistries);
        caFiles = List.copyOf(caFiles);
        credentials = Map.copyOf(credentials);
        if (maxParallelBlobs < 1) {
            throw new IllegalArgumentException("maxParallelBlobs must be at least 1");
        }
    }

    /** Defaults: no mirrors, no extra trust, 10 s connect, 5 min read, 3 retries, 8 blobs at a time. */
    public static RegistrySettings defaults() {
        return new RegistrySettings(Map.of(), Set.of(), List.of(), Optional.empty(), Map.of(),
                Duration.ofSeconds(10), Duration.ofMinutes(5), 3, 8);
    }

    /** These settings with other mirrors. */
    public RegistrySettings withMirrors(Map<String, List<URI>> newMirrors) {
        return new RegistrySettings(newMirrors, insecureRegistries, caFiles, dockerConfig, credentials, connectTimeout,
                readTimeout, maxRetries, maxParallelBlobs);
    }

    /** These settings with other insecure registries. */
    public RegistrySettings withInsecureRegistries(Set<String> registries) {
        return new RegistrySettings(mirrors, registries, caFiles, dockerConfig, credentials, connectTimeout,
                readTimeout, maxRetries, maxParallelBlobs);
    }

    /** These settings reading credentials from another docker {@code config.json}. */
    public RegistrySettings withDockerConfig(Optional<Path> config) {
        return new RegistrySettings(mirrors, insecureRegistries, caFiles, config, credentials, connectTimeout,
                readTimeout, maxRetries, maxParallelBlobs);
    }

    /** These settings with other SDK-given credentials. */
    public RegistrySettings withCredentials(Map<String, RegistryCredentials> newCredentials) {
        return new RegistrySettings(mirrors, insecureRegistries, caFiles, dockerConfig, newCredentials,
                connectTimeout, readTimeout, maxRetries, maxParallelBlobs);
    }

    /** These settings with another bound on concurrent blob transfers. */
    public RegistrySettings withMaxParallelBlobs(int bound) {
        return new RegistrySettings(mirrors, insecureRegistries, caFiles, dockerConfig, credentials, connectTimeout,
                readTimeout, maxRetries, bound);
    }
}
