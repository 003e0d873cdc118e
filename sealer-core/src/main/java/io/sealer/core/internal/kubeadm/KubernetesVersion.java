package io.sealer.core.internal.kubeadm;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes version such as {@code v1.23.17}, compared by its numbers ({@code v1.9} is older than {@code v1.23},
 * which sealer's string comparison gets wrong).
 *
 * @param major the major number
 * @param minor the minor number
 * @param patch the patch number (0 when not given)
 * @param text the version as written
 */
public record KubernetesVersion(int major, int minor, int patch, String text)
        implements Comparable<KubernetesVersion> {
    private static final Pattern VERSION = Pattern.compile("v?(\\d{1,6})\\.(\\d{1,6})(?:\\.(\\d{1,6}))?([-+].*)?");
    private static final Comparator<KubernetesVersion> ORDER = Comparator.comparingInt(KubernetesVersion::major)
            .thenComparingInt(KubernetesVersion::minor).thenComparingInt(KubernetesVersion::patch);

    /** The version in {@code text} ({@code v1.23.17}, {@code 1.23}, {@code v1.19.8-rc.1}), if it is one. */
    public static Optional<KubernetesVersion> parse(String text) {
        Matcher matcher = VERSION.matcher(text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int patch = matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3));
        return Optional.of(new KubernetesVersion(Integer.parseInt(matcher.group(1)),
                Integer.parseInt(matcher.group(2)), patch, text.trim()));
    }

    /** True when this version is {@code major.minor} or later (any patch). */
    public boolean isAtLeast(int major, int minor) {
        return this.major > major || this.major == major && this.minor >= minor;
    }

    @Override
    public int compareTo(KubernetesVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return text;
    }
}
