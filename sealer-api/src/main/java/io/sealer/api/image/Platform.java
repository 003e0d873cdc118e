package io.sealer.api.image;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An OS/architecture/variant triple such as {@code linux/arm64}. Values are normalised the way containerd does:
 * {@code x86_64} is {@code amd64}, {@code aarch64} is {@code arm64}, and {@code arm64/v8} equals plain {@code arm64}.
 *
 * @param os operating system, e.g. {@code linux}
 * @param architecture CPU architecture, e.g. {@code amd64}
 * @param variant CPU variant, e.g. {@code v7}; empty when none
 */
public record Platform(String os, String architecture, String variant) {
    public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", "");
    public static final Platform LINUX_ARM64 = new Platform("linux", "arm64", "");

    public Platform {
        os = normaliseOs(Objects.requireNonNull(os, "os"));
        architecture = normaliseArchitecture(Objects.requireNonNull(architecture, "architecture"));
        variant = normaliseVariant(architecture, variant == null ? "" : variant.trim().toLowerCase(Locale.ROOT));
        if (os.isEmpty() || architecture.isEmpty()) {
            throw new IllegalArgumentException("platform needs an os and an architecture");
        }
    }

    /** Operating systems Go (and so container images) know, after normalisation. */
    private static final Set<String> KNOWN_OS = Set.of("aix", "android", "darwin", "dragonfly", "freebsd", "illumos",
            "ios", "js", "linux", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows");
    /** Architectures Go (and so container images) know, after normalisation. */
    private static final Set<String> KNOWN_ARCHITECTURES = Set.of("386", "amd64", "arm", "arm64", "loong64", "mips",
            "mips64", "mips64le", "mipsle", "ppc64", "ppc64le", "riscv64", "s390x", "wasm");

    /**
     * Parses {@code os/arch[/variant]} or a bare architecture (then the os is {@code linux}), as a user writes it: the
     * os and architecture must be ones container images use ({@code linux/amd64x} is refused). Platforms read from
     * registries are built with the constructor, which accepts anything ({@code unknown/unknown}).
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static Platform parse(String text) {
        Platform platform = split(text);
        if (!KNOWN_OS.contains(platform.os)) {
            throw new IllegalArgumentException("invalid platform \"" + text + "\": unknown operating system \""
                    + platform.os + "\"; expected linux or another GOOS value");
        }
        if (!KNOWN_ARCHITECTURES.contains(platform.architecture)) {
            throw new IllegalArgumentException("invalid platform \"" + text + "\": unknown architecture \""
                    + platform.architecture + "\"; expected one of " + new TreeSet<>(KNOWN_ARCHITECTURES));
        }
        return platform;
    }

    private static Platform split(String text) {
        Objects.requireNonNull(text, "platform");
        String[] parts = text.trim().split("/", -1);
        return switch (parts.length) {
            case 1 -> new Platform("linux", requirePart(text, parts[0]), "");
            case 2 -> new Platform(requirePart(text, parts[0]), requirePart(text, parts[1]), "");
            case 3 -> new Platform(requirePart(text, parts[0]), requirePart(text, parts[1]), requirePart(text, parts[2]));
            default -> throw new IllegalArgumentException(
                    "invalid platform \"" + text + "\": expected os/architecture[/variant]");
        };
    }

    /** The platform of the JVM this code runs on. */
    public static Platform host() {
        return new Platform(System.getProperty("os.name", "linux"), System.getProperty("os.arch", "amd64"), "");
    }

    /** True when {@code other} is the same platform after normalisation; an empty variant here matches any. */
    public boolean matches(Platform other) {
        return os.equals(other.os) && architecture.equals(other.architecture)
                && (variant.isEmpty() || other.variant.isEmpty() || variant.equals(other.variant));
    }

    @Override
    public String toString() {
        return variant.isEmpty() ? os + "/" + architecture : os + "/" + architecture + "/" + variant;
    }

    private static String requirePart(String text, String part) {
        if (part.isBlank()) {
            throw new IllegalArgumentException("invalid platform \"" + text + "\": empty part");
        }
        return part;
    }

    private static String normaliseOs(String os) {
        String lower = os.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("linux") ? "linux" : lower.startsWith("mac") ? "darwin" : lower;
    }

    private static String normaliseArchitecture(String arch) {
        String lower = arch.trim().toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "x86_64", "x86-64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "i386", "i686", "x86", "386" -> "386";
            default -> lower;
        };
    }

    private static String normaliseVariant(String arch, String variant) {
        if (arch.equals("arm64") && (variant.equals("v8") || variant.equals("8"))) {
            return "";
        }
        if (arch.equals("arm") && variant.matches("\\d+")) {
            return "v" + variant;
        }
        return variant;
    }
}
