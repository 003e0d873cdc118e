package io.sealer.api.kubefile;

import java.util.List;
import java.util.Map;

/**
 * {@code COPY [--chown=..] [--chmod=..] <src>... <dest>} or the JSON form {@code COPY ["src", ..., "dest"]}: copies
 * files of the build context into the image. As in Docker, the last word is the destination and all others are
 * sources; sources may hold {@code ${ARCH}} or build-argument references that the build expands.
 *
 * @param line 1-based start line
 * @param original the instruction as written
 * @param sources one or more sources relative to the build context (or {@code http(s)://} URLs), quotes removed
 * @param destination destination inside the image rootfs, quotes removed
 * @param flags flags by name without leading dashes ({@code chown}, {@code chmod}); a flag without value maps to
 *     {@code ""}
 */
public record Copy(int line, String original, List<String> sources, String destination, Map<String, String> flags)
        implements Instruction {
    public Copy {
        Values.text(original, "original");
        sources = Values.copy(sources);
        Values.text(destination, "destination");
        flags = Values.orderedCopy(flags);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("COPY needs at least one source");
        }
    }

    @Override
    public String keyword() {
        return "COPY";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
