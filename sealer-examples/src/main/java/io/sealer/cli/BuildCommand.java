package io.sealer.cli;

import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.core.SealerClient;
import io.sealer.api.build.BuildRequest;
import io.sealer.api.build.DiscoveryOptions;
import io.sealer.core.internal.discovery.ImageDiscovery;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code sealer build}: builds a cluster image from a Kubefile and its context directory. */
final class BuildCommand extends NamedCommand {
    BuildCommand() {
        super("build", "Build a cluster image from a Kubefile",
                "build [-f Kubefile] -t NAME [-m|--mode lite] [--platform os/arch[,os/arch...]] [--build-arg k=v]..."
                + " [--no-cache] [--image-list FILE] [--ignored-image-list FILE] [--mirror DOMAIN=URL]..."
                + " [--insecure-registry HOST[:PORT]]... [--max-pulls N] DIR");
    }

    @Override
    public int run(List<String> arguments, CliContext context) throws IOException {
        CliArgs args = CliArgs.parse(arguments,
                Set.of("-f", "-t", "-m", "--platform", "--build-arg", "--image-list", "--ignored-image-list",
                        "--mirror", "--insecure-registry", "--max-pulls"),
                Set.of("--no-cache"),
                Map.of("--file", "-f", "--kubefile", "-f", "--tag", "-t", "--mode", "-m"));
        if (args.positional().size() != 1) {
            throw new UsageException("build needs exactly one context DIR");
        }
        String tag = args.option("-t").orElseThrow(() -> new UsageException("build needs -t NAME"));
        SealerClient client = context.client(registrySettings(args, context));
        BuildRequest.Builder request = client.buildRequest(context.path(args.positional().get(0)))
                .tag(tag)
                .kubefile(args.option("-f").orElse("Kubefile"))
                .mode(args.option("-m").orElse(BuildRequest.MODE_LITE))
                .noCache(args.flag("--no-cache"))
                .discovery(discovery(args, context));
        for (String list : args.options("--platform")) {
            for (String platform : list.split(",")) {
                request.platforms(parsePlatform(platform.trim()));
            }
        }
        for (String arg : args.options("--build-arg")) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--build-arg expects KEY=VALUE, got \"" + arg + "\"");
            }
            request.buildArg(arg.substring(0, eq), arg.substring(eq + 1));
        }
        List<ClusterImage> images = client.build(request.build(client.settings().platform()));
        for (ClusterImage image : images) {
            context.printImage("built", image, " " + image.id() + ", " + image.containerImages().size()
                    + " container image(s)");
        }
        return 0;
    }

    private static RegistrySettings registrySettings(CliArgs args, CliContext context) {
        Map<String, List<URI>> mirrors = new LinkedHashMap<>();
        for (String mirror : args.options("--mirror")) {
            int eq = mirror.indexOf('=');
            if (eq <= 0 || eq == mirror.length() - 1) {
                throw new UsageException("--mirror expects DOMAIN=URL, got \"" + mirror + "\"");
            }
            URI uri;
            try {
                uri = new URI(mirror.substring(eq + 1));
            } catch (URISyntaxException e) {
                throw new UsageException("--mirror " + mirror + ": invalid URL: " + e.getMessage());
            }
            if (uri.getScheme() == null || uri.getAuthority() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new UsageException("--mirror " + mirror + ": expected an http:// or https:// URL");
            }
            mirrors.computeIfAbsent(mirror.substring(0, eq), k -> new ArrayList<>()).add(uri);
        }
        int maxPulls = RegistrySettings.defaults().maxParallelBlobs();
        if (args.option("--max-pulls").isPresent()) {
            try {
                maxPulls = Integer.parseInt(args.option("--max-pulls").get());
            } catch (NumberFormatException e) {
                maxPulls = 0;
            }
            if (maxPulls < 1) {
                throw new UsageException("--max-pulls expects a positive number, got \""
                        + args.option("--max-pulls").get() + "\"");
            }
        }
        return context.withRegistry(mirrors, Set.copyOf(args.options("--insecure-registry")), maxPulls);
    }

    private static DiscoveryOptions discovery(CliArgs args, CliContext context) throws IOException {
        DiscoveryOptions options = DiscoveryOptions.defaults();
        List<ImageReference> extra = new ArrayList<>();
        for (String file : args.options("--image-list")) {
            extra.addAll(ImageDiscovery.parseImageList(Files.readAllLines(context.path(file), StandardCharsets.UTF_8)));
        }
        List<ImageReference> ignored = new ArrayList<>();
        for (String file : args.options("--ignored-image-list")) {
            ignored.addAll(ImageDiscovery.parseImageList(Files.readAllLines(context.path(file), StandardCharsets.UTF_8)));
        }
        return options.withExtraImages(extra).withIgnoredImages(ignored);
    }

    static Platform parsePlatform(String text) {
        try {
            return Platform.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
