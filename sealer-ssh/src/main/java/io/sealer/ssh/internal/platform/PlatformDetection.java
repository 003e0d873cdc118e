package io.sealer.ssh.internal.platform;

import io.sealer.api.image.Platform;
import io.sealer.api.spi.HostPlatform;
import java.util.Locale;

/**
 * A host's {@link HostPlatform} from its {@link HostFacts}, as sealer does it: the os from {@code uname -s}, the
 * architecture from {@code uname -m}, and for ARM the variant as containerd's {@code GetCPUVariant} finds it (the
 * {@code CPU architecture} field of {@code /proc/cpuinfo}, the ARMv6 Raspberry Pi quirk, else the machine name).
 */
public final class PlatformDetection {
    private PlatformDetection() {
    }

    /** The platform of a host with these facts. */
    public static HostPlatform platform(HostFacts facts) {
        String architecture = architecture(facts.machine());
        String variant = architecture.equals("arm") || architecture.equals("arm64") ? cpuVariant(facts, architecture)
                : "";
        return new HostPlatform(new Platform(facts.kernel(), architecture, variant), facts.kernel(), facts.machine());
    }

    /** The architecture of {@code uname -m}. */
    static String architecture(String machine) {
        String lower = machine.strip().toLowerCase(Locale.ROOT);
        if (lower.equals("aarch64") || lower.equals("arm64") || lower.equals("aarch64_be")) {
            return "arm64";
        }
        if (lower.startsWith("arm")) {
            return "arm";
        }
        if (lower.matches("i[3-6]86")) {
            return "386";
        }
        return lower;
    }

    /** containerd's {@code getCPUVariant}: {@code v8}, {@code v7}, ..., or {@code unknown}. */
    static String cpuVariant(HostFacts facts, String architecture) {
        String variant = facts.cpuInfo().get("cpu architecture");
        if (variant == null) {
            variant = fromMachine(facts.machine());
            if (variant == null) {
                return "unknown";
            }
        }
        String model = facts.cpuInfo().getOrDefault("model name", "");
        // Raspberry Pi ARMv6 boards report "CPU architecture: 7" (a kernel quirk)
        if (architecture.equals("arm") && variant.equals("7")
                && model.toLowerCase(Locale.ROOT).startsWith("armv6-compatible")) {
            variant = "6";
        }
        return switch (variant.toLowerCase(Locale.ROOT)) {
            case "8", "aarch64" -> "v8";
            case "7", "7m", "?(12)", "?(13)", "?(14)", "?(15)", "?(16)", "?(17)" -> "v7";
            case "6", "6tej" -> "v6";
            case "5", "5t", "5te", "5tej" -> "v5";
            case "4", "4t" -> "v4";
            case "3" -> "v3";
            default -> "unknown";
        };
    }

    /** containerd's {@code getCPUVariantFromArch}, for hosts whose cpuinfo has no architecture field. */
    private static String fromMachine(String machine) {
        return switch (machine.strip().toLowerCase(Locale.ROOT)) {
            case "aarch64", "armv8l" -> "8";
            case "armv7l", "armv7" -> "7";
            case "armv6l", "armv6" -> "6";
            case "armv5tel", "armv5" -> "5";
            case "armv4tl", "armv4" -> "4";
            case "armv3" -> "3";
            default -> null;
        };
    }
}
