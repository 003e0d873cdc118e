package io.sealer.core.internal.client;

import io.sealer.api.AdapterMissingException;
import io.sealer.api.BuildException;
import io.sealer.api.build.BuildRequest;
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
