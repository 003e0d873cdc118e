package io.sealer.cli;

import io.sealer.api.image.Platform;
import io.sealer.api.image.RemovalResult;
import io.sealer.core.SealerClient;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sealer rmi [--platform P] NAME...}: removes images and the layers nothing else uses. */
@Command(name = "rmi", description = "Remove images and the layers nothing else uses.")
final class RmiCommand extends CliCommand {
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Image names or ids.")
    List<String> names;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", converter = PlatformConverter.class,
            description = "Remove only this platform (default: every platform).")
    Platform platform;

    @Override
    public Integer call() {
        try (SealerClient client = openClient()) {
            for (String name : names) {
                RemovalResult result = platform == null ? client.images().remove(name)
                        : client.images().remove(name, platform);
                out().println("untagged " + name + (platform == null ? "" : " (" + platform + ")"));
                print(out(), result);
            }
        }
        return 0;
    }

    /**
     * Prints what a removal removed: {@code removed image ID}, {@code deleted layer ID}, then what it reclaimed
     * ({@code reclaimed 2.5 MiB in 3 layer(s)}, or {@code nothing to reclaim}).
     */
    static void print(PrintStream out, RemovalResult result) {
        result.images().forEach(i -> out.println("removed image " + i));
        result.layers().forEach(l -> out.println("deleted layer " + l));
        out.println(result.layers().isEmpty() && result.images().isEmpty() ? "nothing to reclaim"
                : "reclaimed " + ImagesCommand.humanSize(result.reclaimedBytes()) + " in " + result.layers().size()
                        + " layer(s)");
    }
}
