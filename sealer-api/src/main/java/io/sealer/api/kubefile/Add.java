package io.sealer.api.kubefile;

import java.util.List;
import java.util.Map;

/**
 * {@code ADD [--chown=..] [--chmod=..] <src>... <dest>} or the JSON form {@code ADD ["src", ..., "dest"]}, which sealer
 * v0.9+ passes to its Dockerfile unchanged. The build copies local sources exactly as {@link Copy} does; remote
 * sources ({@code http://}, {@code https://}, {@code git@...} or any other {@code scheme://}) are refused by the
 * parser, since an air-gapped build cannot fetch them. Unlike Docker's ADD, a local tar archive is copied as it is,
 * not unpacked.
 *
 * <p>A record of its own rather than a {@link Copy} with a flag: it keeps its keyword in messages and models, and a
 * {@link Instruction.Visitor} has to decide how to handle it instead of treating it as a COPY by accident.
 *
 * @param line 1-based start line
 * @param original the instruction as written
 * @param sources one or more sources relative to the build context, quotes removed
 * @param destination destination inside the image rootfs, quotes removed
 * @param flags flags by name without leading dashes ({@code chown}, {@code chmod}); a flag without value maps to
 *     {@code ""}
 */
public record Add(int line, String original, List<String> sources, String destination, Map<String, String> flags)
        implements Instruction {
    public Add {
        Values.text(original, "original");
        sources = Values.copy(sources);
        Values.text(destination, "destination");
        flags = Values.orderedCopy(flags);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("ADD needs at least one source");
        }
    }

    /** The same copy as a {@link Copy}: what the build does for a (local) ADD. */
    public Copy asCopy() {
        return new Copy(line, original, sources, destination, flags);
    }

    @Override
    public String keyword() {
        return "ADD";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
