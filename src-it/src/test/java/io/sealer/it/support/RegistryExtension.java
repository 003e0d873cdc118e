package io.sealer.it.support;

import io.sealer.api.registry.RegistrySettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code docker-registry} on 127.0.0.1 for a test class, filled with small test images before the first test
 * and stopped (its files deleted) after the last, in the style of Testcontainers' extension:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RegistryExtension SOURCE = RegistryExtension.withImages()
 *         .image("web", "1", List.of("linux/amd64", "linux/arm64"), "library/web:1");
 * }</pre>
 */
public final class RegistryExtension implements BeforeAllCallback, AfterAllCallback {
    private final List<TestImage> images = new ArrayList<>();
    private Path workDir;
    private LocalRegistry registry;

    private RegistryExtension() {
    }

    /** A registry that starts empty; add images with {@link #image}. */
    public static RegistryExtension withImages() {
        return new RegistryExtension();
    }

    /**
     * Pushes a test image (one small layer per platform) as {@code repoAndTag} before the first test.
     *
     * @param name the image's name, also its content seed
     * @param tag its tag, also part of its content seed
     * @param platforms {@code os/arch[/variant]} of each manifest in its index
     * @param repoAndTag where it is pushed, e.g. {@code library/web:1}
     */
    public RegistryExtension image(String name, String tag, List<String> platforms, String repoAndTag) {
        images.add(new TestImage(name, tag, List.copyOf(platforms), repoAndTag));
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        workDir = Files.createTempDirectory("sealer-it-registry-");
        registry = LocalRegistry.start(workDir.resolve("root"), workDir.resolve("work"));
        for (TestImage image : images) {
            registry.pushTestImage(workDir.resolve("layouts"), image.name(), image.tag(), image.platforms(),
                    image.repoAndTag());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (registry != null) {
                registry.close();
            }
        } finally {
            registry = null;
            if (workDir != null) {
                deleteTree(workDir);
            }
        }
    }

    /** The running registry. */
    public LocalRegistry registry() {
        return Objects.requireNonNull(registry, "the registry runs between beforeAll and afterAll");
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI uri() {
        return registry().uri();
    }

    /** {@code 127.0.0.1:<port>}. */
    public String host() {
        return registry().host();
    }

    /**
     * Settings that read every {@code domain} through this registry as a mirror, with no retries (faults show at
     * once), 4 blobs at a time and credentials only from {@code dockerConfig} (a file the test owns).
     */
    public RegistrySettings.Builder mirrorSettings(Path dockerConfig, String... domains) {
        RegistrySettings.Builder builder = RegistrySettings.builder().dockerConfig(dockerConfig).maxRetries(0)
                .maxParallelBlobs(4);
        for (String domain : domains) {
            builder.mirror(domain, uri());
        }
        return builder;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private record TestImage(String name, String tag, List<String> platforms, String repoAndTag) {
    }
}
