package io.sealer.cli;

import io.sealer.api.build.BuildRequest;
import io.sealer.api.build.DiscoveryOptions;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What a build reads, shared by {@code build} and {@code discover}: the context, Kubefile, platforms, ARGs, lists. */
final class BuildInputs {
    @Parameters(index = "0", paramLabel = "DIR", description = "The build context directory.")
    Path context;

    @Option(names = {"-f", "--file", "--kubefile"}, paramLabel = "KUBEFILE", defaultValue = "Kubefile",
            description = "The Kubefile, relative to DIR (default: ${DEFAULT-VALUE}).")
    String kubefile;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", split = ",", converter = PlatformConverter.class,
            description = "Target platform, comma-separated or repeated; one image each (default: the host's).")
    List<Platform> platforms = new ArrayList<>();

    @Option(names = "--build-arg", paramLabel = "KEY=VALUE", split = ",",
            description = "Value of a Kubefile ARG, comma-separated or repeated.")
    Map<String, String> buildArgs = new LinkedHashMap<>();

    @Option(names = "--image-list", paramLabel = "FILE",
            description = "File of container images to include, one per line; repeatable.")
    List<Path> imageLists = new ArrayList<>();

    @Option(names = "--ignored-image-list", paramLabel = "FILE",
            description = "File of container images to leave out, one per line; repeatable.")
    List<Path> ignoredImageLists = new ArrayList<>();

    /** A request builder with these inputs, paths resolved against the command's working directory. */
    BuildRequest.Builder request(CliCommand command) throws IOException {
        return BuildRequest.builder(command.path(context))
                .kubefile(kubefile)
                .platforms(platforms)
                .buildArgs(buildArgs)
                .discovery(DiscoveryOptions.defaults()
                        .withExtraImages(readImageLists(command, imageLists))
                        .withIgnoredImages(readImageLists(command, ignoredImageLists)));
    }

    /** Image list files as sealer reads them: one reference per line, blank lines and {@code #} comments skipped. */
    private static List<ImageReference> readImageLists(CliCommand command, List<Path> files) throws IOException {
        List<ImageReference> images = new ArrayList<>();
        for (Path file : files) {
            images.addAll(DiscoveryOptions.parseImageList(Files.readAllLines(command.path(file),
                    StandardCharsets.UTF_8)));
        }
        return images;
    }
}
