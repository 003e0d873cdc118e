package io.sealer.api.spi;

import io.sealer.api.image.Platform;
import java.util.Objects;

/**
 * What a host runs, detected over SSH as sealer does: {@code uname -s}, {@code uname -m} and, for ARM, the CPU variant
 * from {@code /proc/cpuinfo}.
 *
 * @param platform the normalised platform, e.g. {@code linux/arm64}
 * @param kernel the raw {@code uname -s}
 * @param machine the raw {@code uname -m}
 */
public record HostPlatform(Platform platform, String kernel, String machine) {
    public HostPlatform {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(machine, "machine");
    }
}
