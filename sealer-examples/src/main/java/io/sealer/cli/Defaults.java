package io.sealer.cli;

import io.sealer.api.registry.RegistrySettings;
import io.sealer.core.SealerClient;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults that come from the environment or the SDK rather than from a constant, so that the usage help shows the
 * value in force: {@code --root} ({@code SEALER_ROOT}, else the SDK's store root), {@code --config}
 * ({@code DOCKER_CONFIG}) and {@code --max-pulls} (the SDK's bound on parallel blob transfers).
 */
final class Defaults implements IDefaultValueProvider {
    private final Terminal terminal;

    Defaults(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option)) {
            return null;
        }
        return switch (option.longestName()) {
            case "--root" -> terminal.env("SEALER_ROOT").orElseGet(() -> SealerClient.defaultStoreRoot().toString());
            case "--config" -> terminal.env("DOCKER_CONFIG").orElse(null);
            case "--max-pulls" -> String.valueOf(RegistrySettings.defaults().maxParallelBlobs());
            default -> null;
        };
    }
}
