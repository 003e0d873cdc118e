package io.sealer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.sealer.api.ImageNotFoundException;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Layer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sealer inspect NAME}: the stored image for each platform as YAML (default) or JSON: its layers with id, type
 * and value, its configuration and the container images it needs.
 */
final class InspectCommand extends NamedCommand {
    InspectCommand() {
        super("inspect", "Show a cluster image's layers, configuration and container images",
                "inspect [--platform os/arch] [-o yaml|json] NAME");
    }

    @Override
    public int run(List<String> arguments, CliContext context) throws Exception {
        CliArgs args = CliArgs.parse(arguments, Set.of("--platform", "-o"), Set.of(), Map.of("--output", "-o"));
        if (args.positional().size() != 1) {
            throw new UsageException("inspect needs exactly one NAME");
        }
        String name = args.positional().get(0);
        List<ClusterImage> images = context.client().inspect(name);
        if (args.option("--platform").isPresent()) {
            var platform = BuildCommand.parsePlatform(args.option("--platform").get());
            images = images.stream().filter(i -> i.platform().matches(platform)).toList();
        }
        if (images.isEmpty()) {
            throw new ImageNotFoundException(name, "no such image in the local store");
        }
        String format = args.option("-o").orElse("yaml");
        ObjectMapper mapper = switch (format) {
            case "yaml" -> new ObjectMapper(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build());
            case "json" -> ValidateCommand.jsonMapper();
            default -> throw new UsageException("-o must be yaml or json");
        };
        ArrayNode view = mapper.createArrayNode();
        for (ClusterImage image : images) {
            view.add(view(mapper, image));
        }
        context.out().print(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(view));
        if (format.equals("json")) {
            context.out().println();
        }
        return 0;
    }

    static ObjectNode view(ObjectMapper mapper, ClusterImage image) {
        ObjectNode node = mapper.createObjectNode();
        node.putObject("metadata").put("name", image.name());
        ObjectNode spec = node.putObject("spec");
        spec.put("id", image.id());
        ObjectNode platform = spec.putObject("platform");
        platform.put("os", image.platform().os());
        platform.put("architecture", image.platform().architecture());
        platform.put("variant", image.platform().variant());
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
        spec.set("image_config", mapper.valueToTree(image.config()));
        spec.set("containerImages", mapper.valueToTree(image.containerImages()));
        return node;
    }
}
