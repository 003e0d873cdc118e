package io.sealer.api.image;

import io.sealer.api.InvalidReferenceException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container or cluster image reference, normalised by Docker's rules: {@code nginx} is
 * {@code docker.io/library/nginx:latest}, {@code index.docker.io} is {@code docker.io}, a first segment with a dot, a
 * colon or equal to {@code localhost} is a registry domain, as is an upper-case first segment. A tag and a digest may
 * be given together and both are kept. As in {@code github.com/distribution/reference}, the repository path (after
 * {@code library/} is added) may be at most 255 characters, a digest must use a registered algorithm ({@code sha256},
 * {@code sha384}, {@code sha512}) with the matching number of lower-case hex digits, and a bare 64-character hex string
 * is an image id, not a name.
 *
 * @param domain registry domain with optional port, e.g. {@code docker.io}, {@code localhost:5000}
 * @param path repository path inside the registry, e.g. {@code library/nginx}
 * @param tag tag, or {@code null} when none was given
 * @param digest {@code algorithm:hex} digest, or {@code null} when none was given
 */
public record ImageReference(String domain, String path, String tag, String digest) {
    /** The default registry. */
    public static final String DOCKER_HUB = "docker.io";
    private static final int NAME_MAX_LENGTH = 255;

    private static final String ALNUM = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String PATH_COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
    private static final Pattern PATH = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile(
            "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern SHA384 = Pattern.compile("sha384:[0-9a-f]{96}");
    private static final Pattern SHA512 = Pattern.compile("sha512:[0-9a-f]{128}");
    private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");

    public ImageReference {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(path, "path");
    }

    /**
     * Parses and normalises a reference.
     *
     * @throws InvalidReferenceException naming the reference and what is wrong with it
     */
    public static ImageReference parse(String reference) {
        if (reference == null || reference.isEmpty()) {
            throw new InvalidReferenceException(String.valueOf(reference), "reference is empty");
        }
        if (!reference.equals(reference.strip())) {
            throw new InvalidReferenceException(reference, "reference has leading or trailing white space");
        }
        if (HEX64.matcher(reference).matches()) {
            throw new InvalidReferenceException(reference,
                    "a 64-character hexadecimal string is an image id, not a repository name");
        }
        String rest = reference;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new InvalidReferenceException(reference, "invalid digest \"" + digest + "\"");
            }
            checkDigestAlgorithm(reference, digest);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new InvalidReferenceException(reference, "invalid tag \"" + tag + "\"");
            }
        }
        if (rest.isEmpty()) {
            throw new InvalidReferenceException(reference, "repository name is empty");
        }
        String domain;
        String path;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? "" : rest.substring(0, slash);
        if (slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(Locale.ROOT)))) {
            domain = first;
            path = rest.substring(slash + 1);
        } else {
            domain = DOCKER_HUB;
            path = rest;
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw new InvalidReferenceException(reference, "invalid registry domain \"" + domain + "\"");
        }
        if (domain.equals("index.docker.io")) {
            domain = DOCKER_HUB;
        }
        if (!path.equals(path.toLowerCase(Locale.ROOT))) {
            throw new InvalidReferenceException(reference, "repository name must be lowercase");
        }
        if (!PATH.matcher(path).matches()) {
            throw new InvalidReferenceException(reference, "invalid repository path \"" + path + "\"");
        }
        if (domain.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        if (path.length() > NAME_MAX_LENGTH) {
            throw new InvalidReferenceException(reference,
                    "repository path \"" + path + "\" is longer than " + NAME_MAX_LENGTH + " characters");
        }
        return new ImageReference(domain, path, tag, digest);
    }

    private static void checkDigestAlgorithm(String reference, String digest) {
        String algorithm = digest.substring(0, digest.indexOf(':'));
        Pattern expected = switch (algorithm) {
            case "sha256" -> SHA256;
            case "sha384" -> SHA384;
            case "sha512" -> SHA512;
            default -> throw new InvalidReferenceException(reference,
                    "unsupported digest algorithm \"" + algorithm + "\" (expected sha256, sha384 or sha512)");
        };
        if (!expected.matcher(digest).matches()) {
            int hexDigits = algorithm.equals("sha256") ? 64 : algorithm.equals("sha384") ? 96 : 128;
            throw new InvalidReferenceException(reference,
                    "a " + algorithm + " digest needs " + hexDigits + " lower-case hex digits");
        }
    }

    /** The tag, absent when none was given. */
    public Optional<String> optionalTag() {
        return Optional.ofNullable(tag);
    }

    /** The digest, absent when none was given. */
    public Optional<String> optionalDigest() {
        return Optional.ofNullable(digest);
    }

    /** The tag, or {@code latest} when neither a tag nor a digest was given; {@code null} for a digest-only reference. */
    public String effectiveTag() {
        return tag != null ? tag : digest == null ? "latest" : null;
    }

    /** {@code domain/path}, e.g. {@code docker.io/library/nginx}. */
    public String repository() {
        return domain + "/" + path;
    }

    /**
     * The fully qualified name: {@code docker.io/library/nginx:latest}, {@code quay.io/a/b:1@sha256:...}. A reference
     * with neither tag nor digest gets {@code :latest}.
     */
    public String fullName() {
        return repository() + suffix(effectiveTag());
    }

    /** The short form people type: {@code nginx:latest}, {@code user/app:1}, {@code quay.io/a/b:1}. */
    public String familiarName() {
        String name = repository();
        if (domain.equals(DOCKER_HUB)) {
            name = path.startsWith("library/") && path.indexOf('/', "library/".length()) < 0
                    ? path.substring("library/".length()) : path;
        }
        return name + suffix(effectiveTag());
    }

    /** This reference with another tag (the digest is dropped). */
    public ImageReference withTag(String newTag) {
        return new ImageReference(domain, path, newTag, null);
    }

    /** This reference pinned to a digest (the tag is kept). */
    public ImageReference withDigest(String newDigest) {
        return new ImageReference(domain, path, tag, newDigest);
    }

    private String suffix(String shownTag) {
        return (shownTag == null ? "" : ":" + shownTag) + (digest == null ? "" : "@" + digest);
    }

    @Override
    public String toString() {
        return fullName();
    }
}
