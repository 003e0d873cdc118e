package io.sealer.cli;

import io.sealer.core.SealerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sealer logout REGISTRY}: removes stored credentials. */
@Command(name = "logout", description = "Remove the stored credentials of a registry.")
final class LogoutCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "REGISTRY", description = "The registry, HOST[:PORT].")
    String registryName;

    @Override
    public Integer call() {
        boolean removed;
        try (SealerClient client = openClient()) {
            removed = client.registry().logout(registryName);
        }
        out().println(removed ? "Removing login credentials for " + registryName : "Not logged in to " + registryName);
        return 0;
    }
}
