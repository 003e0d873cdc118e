package io.sealer.core;

import io.sealer.api.build.BuildRequest;
import io.sealer.api.build.DiscoveredImages;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.kubefile.Kubefile;
import io.sealer.core.internal.client.BuildRunner;
import io.sealer.core.internal.kubefile.KubefileParser;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds cluster images from Kubefiles. Obtained from {@link SealerClient#builds()}; thread-safe.
 *
 * <pre>{@code
 * List<ClusterImage> images = sealer.builds().build(BuildRequest.builder(Path.of("."))
 *         .tag("my-nginx-kubernetes:v1.19.8")
 *         .platforms(Platform.LINUX_AMD64, Platform.LINUX_ARM64)
 *         .build());
 * }</pre>
 */
public final class BuildService {
    private final BuildRunner runner;
    private final KubefileParser parser = new KubefileParser();

    BuildService(BuildRunner runner) {
        this.runner = runner;
    }

    /**
     * Parses and validates a Kubefile.
     *
     * @throws io.sealer.api.KubefileException naming the file, line and offending text
     */
    public Kubefile parse(Path kubefile) {
        return parser.parse(kubefile);
    }

    /**
     * The container images a build of the request would cache (for every platform of it), found without building or
     * pulling anything: the Kubefile's COPY and APP sources are read where discovery looks ({@code manifests/},
     * {@code charts/}, {@code application/apps/}); RUN is not executed (a warning says so); images the base image
     * already caches are left out when the local store has the base image.
     *
     * @throws io.sealer.api.BuildException naming the Kubefile line whose sources are missing
     */
    public DiscoveredImages discover(BuildRequest request) {
        return runner.discover(request);
    }

    /**
     * Builds a cluster image per platform of the request (the client's platform when it names none) and stores them
     * under its tag.
     *
     * @return the stored images, in the order of the platforms
     * @throws io.sealer.api.BuildException naming the Kubefile line that failed; the store lists nothing new then
     * @throws io.sealer.api.AdapterMissingException (as the cause of a {@code BuildException}) when the layers need
     *     container images cached and no registry adapter is there, unless the request turned caching off
     */
    public List<ClusterImage> build(BuildRequest request) {
        return runner.build(request);
    }
}
