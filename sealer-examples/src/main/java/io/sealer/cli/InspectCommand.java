package io.sealer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sealer.api.ImageNotFoundException;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import io.sealer.core.SealerClient;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sealer inspect NAME}: the stored image for each platform as YAML (default) or JSON, the same fields under the
 * same camelCase names in both: its layers with id, type and value, its configuration and the container images it
 * needs.
 */
@Command(name = "inspect", description = "Show a cluster image's layers, configuration and container images.")
final class InspectCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Image name or id.")
    String name;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", converter = PlatformConverter.class,
            description = "Only this platform (default: every platform of the image).")
    Platform platform;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Output.Format format;

    @Override
    public Integer call() throws IOException {
        List<ClusterImage> images;
        try (SealerClient client = openClient()) {
            images = client.images().inspect(name);
        }
        if (platform != null) {
            List<ClusterImage> all = images;
            images = all.stream().filter(i -> i.platform().matches(platform)).toList();
            if (images.isEmpty()) {
                throw new ImageNotFoundException(name, "the local store has no " + platform + " image of it; it has "
                        + all.stream().map(i -> i.platform().toString()).sorted().collect(Collectors.joining(", ")));
            }
        }
        ArrayNode view = JsonNodeFactory.instance.arrayNode();
        for (ClusterImage image : images) {
            view.add(view(image));
        }
        Output.print(out(), Output.mapper(format), view);
        return 0;
    }

    /** One tree for both formats, named in camelCase like the API: {@code -o yaml} and {@code -o json} agree. */
    static ObjectNode view(ClusterImage image) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.putObject("metadata").put("name", image.name());
        ObjectNode spec = node.putObject("spec");
        spec.put("id", image.id());
        spec.set("platform", Output.model(image.platform()));
        spec.put("created", image.created().toString());
        spec.put("size", image.size());
        ArrayNode layers = spec.putArray("layers");
        for (Layer layer : image.layers()) {
            ObjectNode l = layers.addObject();
            l.put("id", layer.id());
            l.put("type", layer.type());
            l.put("value", layer.value());
            l.put("size", layer.size());
        }
        spec.set("imageConfig", Output.model(image.config()));
        spec.set("containerImages", Output.model(image.containerImages()));
        return node;
    }
}
