package io.sealer.cli;

import io.sealer.api.registry.RegistrySettings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The registry option of every command that talks to registries: {@code --insecure-registry}. */
final class RegistryOptions {
    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]", split = ",",
            description = "Allow plain HTTP to this registry; comma-separated or repeated "
                    + "(localhost and 127.0.0.0/8 always may).")
    List<String> insecureRegistries = new ArrayList<>();

    /** Adds these options to {@code settings}. */
    RegistrySettings.Builder applyTo(RegistrySettings.Builder settings) {
        return settings.insecureRegistries(insecureRegistries);
    }
}
