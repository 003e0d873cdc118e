package io.sealer.cli;

import io.sealer.api.registry.RegistrySettings;
import io.sealer.core.SealerClient;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What every command gets: where to print and read, and how to make the SDK client for the global options.
 *
 * @param out standard output
 * @param err standard error
 * @param in standard input (for {@code login --password-stdin})
 * @param storeRoot the store root from {@code --root} or {@code SEALER_ROOT}, or {@code null} for the default
 * @param workingDir the directory relative paths are resolved against
 * @param insecureRegistries {@code --insecure-registry} values: registries that may be spoken to over plain HTTP
 * @param dockerConfig the docker {@code config.json} from {@code --config} or {@code DOCKER_CONFIG}, absent for
 *                     {@code ~/.docker/config.json}
 */
record CliContext(PrintStream out, PrintStream err, InputStream in, Path storeRoot, Path workingDir,
        Set<String> insecureRegistries, Optional<Path> dockerConfig) {
    CliContext {
        insecureRegistries = Set.copyOf(insecureRegistries);
    }

    /** A client configured with the global options. */
    SealerClient client() {
        return client(registrySettings());
    }

    /** A client configured with the global options and these registry settings. */
    SealerClient client(RegistrySettings registry) {
        SealerClient.Builder builder = SealerClient.builder().registrySettings(registry);
        if (storeRoot != null) {
            builder.storeRoot(storeRoot);
        }
        return builder.build();
    }

    /** Registry settings from the global options (insecure registries, docker config), defaults otherwise. */
    RegistrySettings registrySettings() {
        return withRegistry(Map.of(), Set.of(), RegistrySettings.defaults().maxParallelBlobs());
    }

    /** Registry settings with extra mirrors, insecure registries and a parallelism bound. */
    RegistrySettings withRegistry(Map<String, List<java.net.URI>> mirrors, Set<String> insecure, int maxParallel) {
        Set<String> allInsecure = new java.util.HashSet<>(insecureRegistries);
        allInsecure.addAll(insecure);
        return RegistrySettings.defaults().withMirrors(mirrors).withInsecureRegistries(allInsecure)
                .withDockerConfig(dockerConfig).withMaxParallelBlobs(maxParallel);
    }

    /** Prints {@code VERB NAME (PLATFORM)} for an image, its familiar name shown, followed by {@code detail}. */
    void printImage(String verb, io.sealer.api.image.ClusterImage image, String detail) {
        out.println(verb + " " + io.sealer.api.image.ImageReference.parse(image.name()).familiarName() + " ("
                + image.platform() + ")" + detail);
    }

    /** Resolves a path argument against the working directory. */
    Path path(String argument) {
        return workingDir.resolve(argument).normalize();
    }
}
