package io.sealer.cli;

import io.sealer.api.image.ClusterImage;
import io.sealer.core.SealerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sealer tag SOURCE TARGET}: another name for every platform of an image. */
@Command(name = "tag", description = "Give an image another name (every platform; ids do not change).")
final class TagCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "Image name or id.")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET", description = "The new name.")
    String target;

    @Override
    public Integer call() {
        try (SealerClient client = openClient()) {
            for (ClusterImage image : client.images().tag(source, target)) {
                printImage("tagged", image, "");
            }
        }
        return 0;
    }
}
