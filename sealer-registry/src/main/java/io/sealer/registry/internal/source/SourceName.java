package io.sealer.registry.internal.source;

import io.sealer.api.image.ImageReference;
import java.util.Locale;
import java.util.Optional;

/**
 * The name under which an image source holds an image, and which references it serves.
 */
sealed interface SourceName {
    /** How sure a match is; lookups try every source for a stronger match before a weaker one. */
    enum Strength {
        /** The source names the image fully ({@code docker.io/library/nginx:1.25}). */
        FULL,
        /** The name leaves the registry out but matches the repository's last path component(s) and the tag. */
        PARTIAL
    }

    /**
     * How this name matches {@code reference} (which has a tag), or empty when it does not.
     */
    Optional<Strength> match(ImageReference reference);

    /** The name as the source spells it, for messages. */
    String describe();

    /** A full reference: {@code docker.io/library/nginx:1.25}, {@code 127.0.0.1:5000/app/tool:2}. */
    record Full(ImageReference reference) implements SourceName {
        @Override
        public Optional<Strength> match(ImageReference wanted) {
            return reference.repository().equals(wanted.repository())
                    && reference.effectiveTag() != null && reference.effectiveTag().equals(wanted.effectiveTag())
                    ? Optional.of(Strength.FULL) : Optional.empty();
        }

        @Override
        public String describe() {
            return reference.fullName();
        }
    }

    /**
     * An OCI ref name that is only a tag ({@code v1.5.1}); {@code hint} is the name of the layout directory (or
     * tarball, without {@code .tar}): it serves the images whose repository's last path component is the hint
     * ({@code oci:kyverno:v1.5.1} serves {@code ghcr.io/kyverno/kyverno:v1.5.1}). A tag alone never decides: tags
     * such as {@code 1} or {@code latest} would serve any image.
     */
    record BareTag(String tag, String hint) implements SourceName {
        @Override
        public Optional<Strength> match(ImageReference wanted) {
            return tag.equals(wanted.effectiveTag()) && lastComponent(wanted.path()).equals(hint.toLowerCase(Locale.ROOT))
                    ? Optional.of(Strength.PARTIAL) : Optional.empty();
        }

        @Override
        public String describe() {
            return "bare tag '" + tag + "'";
        }
    }

    /**
     * A repository path without its registry and a tag, as {@code skopeo sync} names directories without
     * {@code --scoped} ({@code nginx:1.25} for {@code docker.io/library/nginx:1.25}): matches an image whose repository
     * path is {@code path} or ends with {@code /path}.
     */
    record RepoPath(String path, String tag) implements SourceName {
        @Override
        public Optional<Strength> match(ImageReference wanted) {
            return tag.equals(wanted.effectiveTag())
                    && (wanted.path().equals(path) || wanted.path().endsWith("/" + path))
                    ? Optional.of(Strength.PARTIAL) : Optional.empty();
        }

        @Override
        public String describe() {
            return "'" + path + ":" + tag + "'";
        }
    }

    private static String lastComponent(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
