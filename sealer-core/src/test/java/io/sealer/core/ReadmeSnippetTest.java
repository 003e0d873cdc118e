package io.sealer.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.build.BuildRequest;
import io.sealer.api.event.ProgressListener;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Platform;
import io.sealer.api.kubefile.Kubefile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** Keeps the README's SDK snippet compiling: the method below holds the same code, and the test compares them. */
class ReadmeSnippetTest {
    private static final String BEGIN = "// snippet-begin";
    private static final String END = "// snippet-end";

    @SuppressWarnings("unused")
    static void snippet(Path storeRoot, Path contextDir, Logger log) {
        // snippet-begin
        try (SealerClient sealer = SealerClient.builder()
                .storeRoot(storeRoot)                   // default: /var/lib/sealer for root, ~/.sealer otherwise
                .platform(Platform.LINUX_AMD64)         // default: the host's
                .listener(ProgressListener.dispatcher() // typed, nested progress events
                        .onStarted(e -> log.info("{} {}", e.operation().kind(), e.description()))
                        .onWarning(w -> log.warn("{}: {}", w.location(), w.message()))
                        .build())
                .build()) {
            Kubefile kubefile = sealer.builds().parse(contextDir.resolve("Kubefile")); // KubefileException: file:line
            List<ClusterImage> images = sealer.builds().build(BuildRequest.builder(contextDir)
                    .tag("my-nginx-kubernetes:v1.19.8")
                    .platforms(Platform.LINUX_AMD64, Platform.LINUX_ARM64)
                    .buildArg("Version", "v1.19.8")
                    .build());
            images.get(0).containerImages();    // docker.io/library/nginx:latest, ... from manifests, charts, imageList
            sealer.images().tag("my-nginx-kubernetes:v1.19.8", "registry.local/my-nginx-kubernetes:v1.19.8");
            sealer.registry().push("registry.local/my-nginx-kubernetes:v1.19.8"); // with sealer-registry
        }
        // snippet-end
    }

    @Test
    void theReadmeShowsTheCompiledSnippet() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/sealer/core/ReadmeSnippetTest.java"));
        int begin = source.indexOf(BEGIN + "\n") + BEGIN.length() + 1;
        String code = source.substring(begin, source.indexOf(END + "\n", begin)).stripTrailing();
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(readme).contains("```java\n" + unindent(code) + "```\n");
    }

    private static String unindent(String code) {
        int indent = code.lines().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return code.lines().map(l -> l.length() >= indent ? l.substring(indent) : l.strip())
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
