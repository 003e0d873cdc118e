package io.sealer.cli;

import io.sealer.api.build.BuildRequest;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.core.SealerClient;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sealer build}: builds a cluster image per platform from a Kubefile and its context directory. */
@Command(name = "build", description = "Build a cluster image from a Kubefile, one image per platform.")
final class BuildCommand extends CliCommand {
    @Mixin
    BuildInputs inputs;

    @Option(names = {"-t", "--tag"}, paramLabel = "NAME", description = "Name of the image, e.g. my-app:1.0 (required).")
    String tag;

    @Option(names = {"-m", "--mode", "--build-mode"}, paramLabel = "MODE", defaultValue = BuildRequest.MODE_LITE,
            description = "Build mode; only lite: find the container images, run nothing (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--no-cache", description = "Execute every COPY and RUN again instead of reusing stored layers.")
    boolean noCache;

    @Option(names = "--no-image-cache",
            description = "Make no registry-cache layer: the container images the layers need are not pulled.")
    boolean noImageCache;

    @Option(names = "--mirror", paramLabel = "DOMAIN=URL",
            description = {"Pull DOMAIN's images through this mirror first; repeatable. Example:",
                "docker.io=http://127.0.0.1:5000"})
    List<String> mirrors = new ArrayList<>();

    @Option(names = "--mirror-fallback",
            description = {"When a mirror answers that it does not have an image, look it up at the",
                "image's own registry too (by default a mirror's \"not found\" is final for its",
                "domain). A mirror that cannot be reached falls back to the registry either way."})
    boolean mirrorFallback;

    @Option(names = "--image-source", paramLabel = "PATH",
            description = {"Look container images up here before any mirror or registry; repeatable,",
                "searched in order: an OCI image layout (skopeo copy ... oci:DIR:REF), a",
                "docker save tarball or a skopeo sync --dest dir tree."})
    List<Path> imageSources = new ArrayList<>();

    @Option(names = "--max-pulls", paramLabel = "N", description = "Blobs fetched at a time (default: ${DEFAULT-VALUE}).")
    int maxPulls;

    @Mixin
    RegistryOptions registry;

    @Override
    public Integer call() throws IOException {
        if (tag == null) {
            throw usageError("build needs -t NAME");
        }
        RegistrySettings settings = registrySettings().build();
        BuildRequest request = request();
        try (SealerClient client = sealer.openClient(settings)) {
            for (ClusterImage image : client.builds().build(request)) {
                printImage("built", image, " " + image.id() + ", " + image.containerImages().size()
                        + " container image(s)");
            }
        }
        return 0;
    }

    /** The build request the options describe. */
    BuildRequest request() throws IOException {
        return inputs.request(this)
                .tag(tag)
                .mode(mode)
                .noCache(noCache)
                .cacheImages(!noImageCache)
                .imageSources(imageSources.stream().map(this::path).toList())
                .build();
    }

    /** The registry settings the options describe, on top of the global ones. */
    RegistrySettings.Builder registrySettings() {
        if (maxPulls < 1) {
            throw usageError("--max-pulls expects a positive number, got " + maxPulls);
        }
        RegistrySettings.Builder settings = registry.applyTo(sealer.registrySettings()).maxParallelBlobs(maxPulls)
                .mirrorFallback(mirrorFallback);
        for (String mirror : mirrors) {
            int eq = mirror.indexOf('=');
            if (eq <= 0 || eq == mirror.length() - 1) {
                throw usageError("--mirror expects DOMAIN=URL, got \"" + mirror + "\"");
            }
            URI uri;
            try {
                uri = new URI(mirror.substring(eq + 1));
            } catch (URISyntaxException e) {
                throw usageError("--mirror " + mirror + ": invalid URL: " + e.getMessage());
            }
            if (uri.getScheme() == null || uri.getAuthority() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw usageError("--mirror " + mirror + ": expected an http:// or https:// URL");
            }
            settings.mirror(mirror.substring(0, eq), uri);
        }
        return settings;
    }
}
