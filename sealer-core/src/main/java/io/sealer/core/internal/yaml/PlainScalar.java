package io.sealer.core.internal.yaml;

import java.util.Objects;

/**
 * A scalar written without quotes in its source that YAML reads as something other than a string and that has no exact
 * Java value here, such as {@code 0755}, {@code 1e3}, {@code 0x1F}, {@code yes} or {@code .inf}. It is written back
 * exactly as read, so every reader interprets it as it interpreted the original; the one exception is a leading-zero
 * (octal-looking) number such as {@code 0755}, which the YAML emitter insists on quoting.
 *
 * @param text the scalar as written
 */
public record PlainScalar(String text) {
    public PlainScalar {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return text;
    }
}
