package io.sealer.cli;

import io.sealer.core.SealerClient;
import picocli.CommandLine.Command;

/** {@code sealer prune}: garbage collection of the local store. */
@Command(name = "prune", description = "Remove unreferenced layers and leftovers of interrupted builds.")
final class PruneCommand extends CliCommand {
    @Override
    public Integer call() {
        try (SealerClient client = openClient()) {
            RmiCommand.print(out(), client.images().prune());
        }
        return 0;
    }
}
