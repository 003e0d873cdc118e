/**
 * The build engine: {@link io.sealer.core.internal.build.BuildEngine} applies a Kubefile's instructions for each target
 * platform (COPY confined to the build context, RUN on the build host with a diff layer, APP/CNI/CSI with type
 * detection, the rest into the image configuration), reuses layers from the build cache, discovers the container
 * images the new layers need and commits the image. {@link io.sealer.core.internal.build.BuildExtension}s add layers after the
 * instructions (the registry cache); a {@link io.sealer.core.internal.build.BaseImageSource} fetches missing base images.
 */
package io.sealer.core.internal.build;
