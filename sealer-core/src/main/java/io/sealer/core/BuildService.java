package io.sealer.core;

import io.sealer.api.build.BuildRequest;
import io.sealer.api.build.DiscoveredImages;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.kubefile.Kubefile;
import io.sealer.api.image.Platform;
import io.sealer.core.internal.build.SourceCheck;
import io.sealer.core.internal.client.BuildRunner;
import io.sealer.core.internal.kubefile.KubefileParser;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

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
    private final Supplier<Platform> platform;

    BuildService(BuildRunner runner, Supplier<Platform> platform) {
        this.runner = runner;
        this.platform = platform;
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
     * Parses a Kubefile and checks, as far as it can without building, that a build of it could start: every COPY,
     * ADD and APP source it names is in its build context (the Kubefile's directory) and stays inside it. {@code ${ARCH}}
     * stands for the client's platform.
     *
     * @throws io.sealer.api.KubefileException for a syntax error, naming the file and line
     * @throws io.sealer.api.BuildException for a missing or escaping source, naming the file and line
     */
    public Kubefile validate(Path kubefile) {
        Kubefile parsed = parser.parse(kubefile);
        Path context = kubefile.toAbsolutePath().normalize().getParent();
        SourceCheck.check(parsed, context, platform.get());
        return parsed;
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
