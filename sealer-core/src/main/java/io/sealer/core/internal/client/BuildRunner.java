package io.sealer.core.internal.client;

import io.sealer.api.AdapterMissingException;
import io.sealer.api.BuildException;
import io.sealer.api.build.BuildRequest;
import io.sealer.api.build.DiscoveredImages;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Progress;
import io.sealer.api.event.Subject;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import io.sealer.api.kubefile.Kubefile;
import io.sealer.core.internal.build.DiscoveryDryRun;
import io.sealer.core.internal.kubefile.KubefileParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Layer;
import io.sealer.core.internal.build.BaseImageSource;
import io.sealer.core.internal.build.BuildEngine;
import io.sealer.core.internal.build.BuildExtension;
import io.sealer.core.internal.registry.ClusterImages;
import io.sealer.core.internal.registry.RegistryAdapter;
import io.sealer.core.internal.registry.RegistryBaseImages;
import io.sealer.core.internal.registry.RegistryCacheExtension;
import io.sealer.core.internal.registry.RegistrySession;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a build with what the client has: the registry adapter (base images pulled when missing, container images
 * cached, the request's image sources searched after the client's) when there is one; without one, a build whose layers need container images fails naming the missing
 * module, unless the request turned image caching off.
 */
public final class BuildRunner {
    private final ClientRuntime runtime;

    /** @param runtime the client's settings and adapters */
    public BuildRunner(ClientRuntime runtime) {
        this.runtime = runtime;
    }

    /** Builds and stores one image per platform of the request (the client's platform when it names none). */
    public List<ClusterImage> build(BuildRequest request) {
        BuildRequest resolved = withPlatforms(request);
        Optional<RegistryAdapter> adapter = runtime.registry();
        if (adapter.isEmpty()) {
            List<BuildExtension> extensions = request.cacheImages() ? List.of(BuildRunner::registryMissing) : List.of();
            return run(resolved, BaseImageSource.NONE, extensions);
        }
        RegistryAdapter registry = request.imageSources().isEmpty() ? adapter.get()
                : adapter.get().with(adapter.get().settings().withImageSources(request.imageSources()));
        try (RegistrySession session = registry.open()) {
            BaseImageSource bases = registry.provider().transport().<BaseImageSource>map(t ->
                    new RegistryBaseImages(new ClusterImages(t, session))).orElse(BaseImageSource.NONE);
            List<BuildExtension> extensions = new ArrayList<>();
            if (request.cacheImages()) {
                extensions.add(registry.provider().cacheWriter().<BuildExtension>map(w ->
                        new RegistryCacheExtension(w, session)).orElse(BuildRunner::registryMissing));
            }
            return run(resolved, bases, extensions);
        }
    }

    /**
     * The container images a build of the request would cache, for every platform of it, found without building or
     * pulling: see {@link DiscoveryDryRun}.
     */
    public DiscoveredImages discover(BuildRequest request) {
        BuildRequest resolved = withPlatforms(request);
        Path kubefilePath = resolved.context().resolve(resolved.kubefile());
        if (!Files.isDirectory(resolved.context())) {
            throw new BuildException(resolved.context().toString(), 0, "build context directory not found", null);
        }
        if (!Files.isRegularFile(kubefilePath)) {
            throw new BuildException(kubefilePath.toString(), 0, "Kubefile not found", null);
        }
        Kubefile kubefile = new KubefileParser().parse(kubefilePath);
        Progress progress = runtime.progress(request.listener()).start(OperationKind.DISCOVERY,
                Subject.step(kubefile.source()), "finding the container images of " + kubefile.source());
        Map<String, ImageReference> images = new TreeMap<>();
        Map<ImageReference, List<String>> sources = new LinkedHashMap<>();
        Set<String> warnings = new LinkedHashSet<>();
        kubefile.warnings().forEach(w -> warnings.add(kubefile.source() + ": " + w));
        runtime.withStore(store -> {
            DiscoveryDryRun dryRun = new DiscoveryDryRun(store);
            for (Platform platform : resolved.platforms()) {
                DiscoveryDryRun.Found found = dryRun.discover(kubefile, resolved.context(), resolved.discovery(),
                        platform, progress);
                Set<String> inBase = found.base().map(b -> Set.copyOf(b.containerImages())).orElse(Set.of());
                for (ImageReference image : found.result().images()) {
                    if (!inBase.contains(image.fullName())) {
                        ImageReference known = images.computeIfAbsent(image.fullName(), n -> image);
                        List<String> where = sources.computeIfAbsent(known, k -> new ArrayList<>());
                        found.result().sourcesOf(image).stream().filter(w -> !where.contains(w)).forEach(where::add);
                    }
                }
                warnings.addAll(found.warnings());
                warnings.addAll(found.result().warnings());
            }
            return null;
        });
        List<ImageReference> sorted = List.copyOf(images.values());
        progress.finished(sorted.size() + " container image(s)");
        return new DiscoveredImages(sorted, sources, List.copyOf(warnings));
    }

    private List<ClusterImage> run(BuildRequest request, BaseImageSource bases, List<BuildExtension> extensions) {
        return runtime.withStore(store -> new BuildEngine(store, runtime.progress(request.listener()), bases,
                extensions).build(request));
    }

    private BuildRequest withPlatforms(BuildRequest request) {
        if (!request.platforms().isEmpty()) {
            return request;
        }
        return request.withPlatforms(request.platformsOr(runtime.platform()));
    }

    /** Stands in for the registry cache when no adapter can write it: fine without images, an error with some. */
    private static Optional<Layer> registryMissing(BuildExtension.Step step) {
        if (step.images().isEmpty()) {
            return Optional.empty();
        }
        AdapterMissingException missing = new AdapterMissingException(Adapters.REGISTRY_MODULE,
                "caching the " + step.images().size() + " container image(s) the layers need (first: "
                        + step.images().get(0) + ")");
        throw new BuildException(step.kubefile(), 0, missing.getMessage()
                + "; or build with image caching turned off (BuildRequest.cacheImages(false), sealer build "
                + "--no-image-cache)", missing);
    }
}
