package io.sealer.core.internal.build;

import io.sealer.api.build.BuildRequest;

import io.sealer.api.BuildException;
import io.sealer.api.ImageNotFoundException;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Progress;
import io.sealer.api.event.Subject;
import io.sealer.api.SealerException;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import io.sealer.api.kubefile.Kubefile;
import io.sealer.api.kubefile.Run;
import io.sealer.core.internal.kubefile.KubefileParser;
import io.sealer.core.internal.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a Kubefile and its build context into cluster images in the local store, one per target platform. Each
 * COPY, RUN and APP becomes a reproducible layer (reused from the build cache when its inputs are unchanged), the
 * other instructions go into the image configuration, and the container images the new layers need are discovered
 * and recorded. Nothing is listed in the store until the whole image is committed. The same Kubefile and context
 * give the same image ids in any store on any day: the image's creation time is {@code SOURCE_DATE_EPOCH} or the
 * epoch, read from the store's {@link io.sealer.core.internal.store.StoreEnvironment}.
 */
public final class BuildEngine {
    private final ImageStore store;
    private final Progress progress;
    private final BaseImageSource baseImages;
    private final List<BuildExtension> extensions;
    private final KubefileParser parser = new KubefileParser();

    /**
     * @param store where layers and images go
     * @param progress where the build reports: a BUILD operation, an IMAGE per platform, an INSTRUCTION per line
     * @param baseImages fetches base images missing from the store (a registry), or {@link BaseImageSource#NONE}
     * @param extensions steps that add layers after the Kubefile's instructions (the registry cache)
     */
    public BuildEngine(ImageStore store, Progress progress, BaseImageSource baseImages,
            List<BuildExtension> extensions) {
        this.store = Objects.requireNonNull(store, "store");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.baseImages = Objects.requireNonNull(baseImages, "baseImages");
        this.extensions = List.copyOf(extensions);
    }

    /**
     * Builds and stores one image per platform of the request.
     *
     * @return the stored images, in the order of the request's platforms
     * @throws BuildException naming the Kubefile line that failed; the store lists nothing new then
     * @throws io.sealer.api.KubefileException when the Kubefile does not parse
     */
    public List<ClusterImage> build(BuildRequest request) {
        if (!BuildRequest.MODE_LITE.equals(request.mode())) {
            throw new BuildException("build mode \"" + request.mode() + "\" is not supported; only \""
                    + BuildRequest.MODE_LITE + "\" is", null);
        }
        ImageReference name = ImageReference.parse(request.tag());
        Instant created = store.creationTime();
        if (!Files.isDirectory(request.context())) {
            throw new BuildException(request.context().toString(), 0, "build context directory not found", null);
        }
        Path kubefilePath = request.context().resolve(request.kubefile());
        if (!Files.isRegularFile(kubefilePath)) {
            throw new BuildException(kubefilePath.toString(), 0, "Kubefile not found", null);
        }
        Kubefile kubefile = parser.parse(kubefilePath);
        Progress build = progress.start(OperationKind.BUILD, Subject.image(name), "building " + name.familiarName()
                + " from " + kubefile.source());
        try {
            List<ClusterImage> images = buildPlatforms(request, name, created, kubefile, build);
            build.finished(images.size() + " image(s) stored as " + name.familiarName());
            return images;
        } catch (RuntimeException e) {
            build.failed(e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        }
    }

    private List<ClusterImage> buildPlatforms(BuildRequest request, ImageReference name, Instant created,
            Kubefile kubefile, Progress build) {
        kubefile.warnings().forEach(w -> build.warning(kubefile.source(), w));
        BuildContext context = new BuildContext(request.context());
        List<ClusterImage> images = new ArrayList<>();
        RunExecutor runExecutor = kubefile.instructions(Run.class).isEmpty() ? null : RunExecutor.forStore(store);
        BuildMemo memo = new BuildMemo();
        for (Platform platform : request.platforms()) {
            Progress image = build.start(OperationKind.IMAGE, Subject.image(name).withPlatform(platform),
                    "building " + name.familiarName() + " for " + platform);
            PlatformBuild platformBuild = new PlatformBuild(store, image, context, kubefile, request, platform,
                    this::baseImage, extensions, runExecutor, memo);
            ClusterImage built = platformBuild.run(name, created);
            image.finished("built for " + platform);
            images.add(built);
        }
        return store.commitAll(images);
    }

    /**
     * The base image of a FROM: from the store, else from {@link #baseImages}.
     *
     * @throws BuildException without a location (the build adds the FROM's) when it cannot be found or pulled
     */
    private ClusterImage baseImage(ImageReference reference, Platform platform) {
        Optional<ClusterImage> local = store.find(reference.fullName(), Optional.of(platform));
        if (local.isPresent()) {
            return local.get();
        }
        try {
            return baseImages.fetch(reference, platform, store).orElseThrow(() -> new BuildException(
                    "base image " + reference.familiarName() + " for " + platform + " is not in the local store"
                            + (baseImages == BaseImageSource.NONE
                                    ? " and no registry adapter is on the class path to pull it"
                                    : " nor in its registry"),
                    new ImageNotFoundException(reference.fullName(), "not found")));
        } catch (BuildException e) {
            throw e;
        } catch (SealerException e) {
            throw new BuildException("cannot pull base image " + reference.familiarName() + ": "
                    + e.getMessage(), e);
        }
    }
}
