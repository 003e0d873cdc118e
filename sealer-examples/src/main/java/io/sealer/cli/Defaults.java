package io.sealer.cli;

import io.sealer.api.cluster.ApplyOptions;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.api.ssh.SshSettings;
import io.sealer.core.SealerClient;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults that come from the environment or the SDK rather than from a constant, so that the usage help shows the
 * value in force: {@code --root} ({@code SEALER_ROOT}, else the SDK's store root), {@code --config}
 * ({@code DOCKER_CONFIG}), {@code --max-pulls} (the SDK's bound on parallel blob transfers), and the cluster commands'
 * {@code --parallelism}, {@code --step-timeout} and {@code --known-hosts} (the SDK's apply and SSH defaults).
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
        return forOption(option.longestName());
    }

    /** The default of the option with this longest name, or {@code null} when it has none from here. */
    String forOption(String longestName) {
        return switch (longestName) {
            case "--root" -> terminal.env("SEALER_ROOT").orElseGet(() -> SealerClient.defaultStoreRoot().toString());
            case "--config" -> terminal.env("DOCKER_CONFIG").orElse(null);
            case "--max-pulls" -> String.valueOf(RegistrySettings.defaults().maxParallelBlobs());
            case "--parallelism" -> String.valueOf(ApplyOptions.DEFAULT_PARALLELISM);
            case "--step-timeout" -> DurationConverter.format(ApplyOptions.DEFAULT_STEP_TIMEOUT);
            case "--known-hosts" -> SshSettings.defaults().knownHosts().toString();
            default -> null;
        };
    }
}
