package io.sealer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CLI is a client of the public SDK API: nothing under an {@code internal} package. */
class PublicApiOnlyTest {
    @Test
    void noSourceOfTheCliUsesInternalPackages() throws IOException {
        Path sources = Path.of("src/main/java/io/sealer/cli");
        List<String> offenders;
        try (Stream<Path> files = Files.list(sources)) {
            offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    String text = Files.readString(f);
                    return text.contains("io.sealer.core.internal") || text.contains("io.sealer.registry.internal");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).toList();
        }
        assertThat(offenders).isEmpty();
    }
}
