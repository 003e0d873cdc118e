package io.sealer.cli;

import io.sealer.api.event.ProgressListener;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Platform;
import io.sealer.core.SealerClient;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sealer pull [--platform P[,P...]] NAME}: a cluster image from its registry into the local store. */
@Command(name = "pull", description = "Pull a cluster image from its registry.")
final class PullCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Image name, e.g. 127.0.0.1:5000/app:1.")
    String name;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", split = ",", converter = PlatformConverter.class,
            description = "Platforms to pull, comma-separated or repeated (default: every platform the registry has).")
    List<Platform> platforms = new ArrayList<>();

    @Mixin
    RegistryOptions registry;

    @Override
    public Integer call() {
        try (SealerClient client = sealer.openClient(registry.applyTo(sealer.registrySettings()).build())) {
            for (ClusterImage image : client.registry().pull(name, platforms, ProgressListener.NONE)) {
                printImage("pulled", image, " " + image.id());
            }
        }
        return 0;
    }
}
