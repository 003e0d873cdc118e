package io.sealer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sealer.api.build.DiscoveredImages;
import io.sealer.api.image.ImageReference;
import io.sealer.core.SealerClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sealer discover DIR}: the container images a build of DIR would cache, one fully-qualified reference per
 * line, sorted, without building or pulling anything.
 */
@Command(name = "discover", description = {
    "List the container images a build of DIR would cache, without building or pulling anything.",
    "-o skopeo-sync writes what 'skopeo sync --src yaml' reads, to fetch exactly these images on a connected machine."})
final class DiscoverCommand extends CliCommand {
    /** The output formats. */
    enum Format { lines, json, skopeo_sync }

    @Mixin
    BuildInputs inputs;

    @Option(names = "--json", description = "JSON: each image with where it was found (file, line or chart), and the"
            + " warnings.")
    boolean json;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "lines (default), json, or skopeo-sync.")
    Format format = Format.lines;

    @Override
    public Integer call() throws IOException {
        DiscoveredImages found;
        try (SealerClient client = openClient()) {
            found = client.builds().discover(inputs.request(this).build());
        }
        switch (json ? Format.json : format) {
            case json -> Output.print(out(), Output.json(), json(found));
            case skopeo_sync -> Output.print(out(), Output.yaml(), skopeoSync(found.images()));
            default -> found.images().forEach(i -> out().println(i.fullName()));
        }
        return 0;
    }

    private static ObjectNode json(DiscoveredImages found) {
        ObjectMapper mapper = Output.json();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode images = root.putArray("images");
        for (ImageReference image : found.images()) {
            ObjectNode node = images.addObject().put("image", image.fullName());
            found.sourcesOf(image).forEach(node.putArray("foundIn")::add);
        }
        found.warnings().forEach(root.putArray("warnings")::add);
        return root;
    }

    /**
     * The YAML of {@code skopeo sync --src yaml}: per registry, per repository, the tags (or digests) to fetch, e.g.
     * {@code docker.io: {images: {library/nginx: [latest]}}}.
     */
    static ObjectNode skopeoSync(List<ImageReference> images) {
        Map<String, Map<String, List<String>>> byRegistry = new TreeMap<>();
        for (ImageReference image : images) {
            String version = image.optionalDigest().orElseGet(image::effectiveTag);
            List<String> versions = byRegistry.computeIfAbsent(image.domain(), d -> new TreeMap<>())
                    .computeIfAbsent(image.path(), p -> new ArrayList<>());
            if (!versions.contains(version)) {
                versions.add(version);
            }
        }
        ObjectNode root = Output.yaml().createObjectNode();
        byRegistry.forEach((registry, repositories) -> {
            ObjectNode entry = root.putObject(registry);
            if (loopback(registry)) {
                entry.put("tls-verify", false);
            }
            ObjectNode repos = entry.putObject("images");
            repositories.forEach((repository, versions) -> versions.forEach(repos.putArray(repository)::add));
        });
        return root;
    }

    /** Registries on this machine, which speak plain HTTP as sealer lets them. */
    private static boolean loopback(String registry) {
        String host = registry.replaceFirst(":\\d+$", "");
        return host.equals("localhost") || host.startsWith("127.");
    }

    /** Accepts {@code skopeo-sync} as well as the enum's spelling. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.trim().replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected lines, json or skopeo-sync, got '"
                        + value + "'");
            }
        }
    }
}
