package io.sealer.cli;

import io.sealer.api.image.ClusterImage;
import io.sealer.core.SealerClient;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sealer load -i FILE}: images from a file made by {@code save}. */
@Command(name = "load", description = "Load images from a file made by save, verifying every layer.")
final class LoadCommand extends CliCommand {
    @Option(names = {"-i", "--input"}, paramLabel = "FILE", required = true, description = "The tar file to read.")
    Path file;

    @Override
    public Integer call() {
        try (SealerClient client = openClient()) {
            for (ClusterImage image : client.images().load(path(file))) {
                printImage("loaded", image, "");
            }
        }
        return 0;
    }
}
