package io.sealer.cli;

import io.sealer.core.SealerClient;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sealer save -o FILE NAME...}: images into one tar file. */
@Command(name = "save", description = "Write images (every platform) into one tar file.")
final class SaveCommand extends CliCommand {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The tar file to write.")
    Path file;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Image names or ids.")
    List<String> names;

    @Override
    public Integer call() {
        try (SealerClient client = openClient()) {
            client.images().save(path(file), names);
        }
        out().println("saved " + String.join(", ", names) + " to " + file);
        return 0;
    }
}
