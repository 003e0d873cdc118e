package io.sealer.cli;

import io.sealer.api.image.ImageReference;
import io.sealer.core.SealerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sealer push NAME}: every platform of a stored image to the registry its name points at. */
@Command(name = "push", description = "Push a cluster image (every platform) to its registry.")
final class PushCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Image name, e.g. 127.0.0.1:5000/app:1.")
    String name;

    @Mixin
    RegistryOptions registry;

    @Override
    public Integer call() {
        String digest;
        try (SealerClient client = sealer.openClient(registry.applyTo(sealer.registrySettings()).build())) {
            digest = client.registry().push(name);
        }
        out().println("pushed " + ImageReference.parse(name).familiarName() + " " + digest);
        return 0;
    }
}
