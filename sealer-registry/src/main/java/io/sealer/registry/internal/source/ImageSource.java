package io.sealer.registry.internal.source;

import io.sealer.api.RegistryException;
import io.sealer.api.image.ImageReference;
import io.sealer.api.spi.RegistryManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One on-disk image source, indexed on first use and then kept: an OCI layout directory, an image tarball or a
 * {@code skopeo sync} dir tree, told apart by what the path holds. Thread-safe.
 *
 * <p>Names that leave something out (a bare tag, a name without its registry) may match several images; one entry
 * serving two different repositories in a session is an error naming both, never a silent choice.
 */
final class ImageSource {
    private static final Logger LOG = LoggerFactory.getLogger(ImageSource.class);

    private final Path path;
    private volatile SourceContent content;
    private final Map<SourceContent.NamedImage, String> claims = new ConcurrentHashMap<>();

    ImageSource(Path path) {
        this.path = path;
    }

    /** The path as given. */
    Path path() {
        return path;
    }

    /** {@code image source ./images (OCI layout)}; without the kind before the source has been read. */
    String label() {
        return label(Optional.empty());
    }

    /** {@code image source ./images (OCI layout; note)}. */
    String label(Optional<String> note) {
        SourceContent c = content;
        String inParentheses = (c == null ? "" : c.kind()) + note.map(n -> (c == null ? "" : "; ") + n).orElse("");
        return "image source " + path + (inParentheses.isEmpty() ? "" : " (" + inParentheses + ")");
    }

    /**
     * The manifest of the image {@code reference} names, if this source holds it under a name that matches with
     * {@code strength}; by digest when the reference has one (any strength).
     *
     * @throws RegistryException naming the source when it cannot be read, its content is corrupt, or the match is
     *                           ambiguous
     */
    Optional<RegistryManifest> find(ImageReference reference, SourceName.Strength strength) {
        SourceContent c = content();
        String image = reference.toString();
        if (reference.optionalDigest().isPresent()) {
            return c.manifest(label(), image, reference.optionalDigest().get());
        }
        for (SourceContent.NamedImage named : c.images()) {
            if (named.name().match(reference).filter(s -> s == strength).isEmpty()) {
                continue;
            }
            if (strength != SourceName.Strength.FULL) {
                claim(named, reference);
            }
            RegistryManifest manifest = c.manifest(label(), image, named.digest()).orElseThrow(() ->
                    new RegistryException(image, label() + ": " + named.name().describe() + " refers to manifest "
                            + named.digest() + ", which it does not hold", null));
            LOG.debug("{} found in {} as {}", image, label(), named.name().describe());
            return Optional.of(manifest);
        }
        return Optional.empty();
    }

    /** The blob, if this source holds it. */
    Optional<BlobFile> blob(String digest) {
        return content().blob(digest);
    }

    private void claim(SourceContent.NamedImage named, ImageReference reference) {
        String repository = reference.repository();
        String first = claims.putIfAbsent(named, repository);
        if (first != null && !first.equals(repository)) {
            String a = first.compareTo(repository) < 0 ? first : repository;
            String b = first.compareTo(repository) < 0 ? repository : first;
            throw new RegistryException(reference.toString(), label() + ": " + named.name().describe()
                    + " would serve both " + a + " and " + b + "; name the images fully in the source (e.g. skopeo "
                    + "copy ... oci:DIR:<registry>/<repository>:<tag>, skopeo sync --scoped) or keep them in "
                    + "separate sources", null);
        }
    }

    /**
     * A hint for a lookup of {@code reference} that found nothing here: a bare tag equal to its tag, in a layout
     * named after another image. Empty when there is nothing to say.
     */
    Optional<String> hint(ImageReference reference) {
        SourceContent c = content();
        return c.images().stream().map(SourceContent.NamedImage::name)
                .filter(n -> n instanceof SourceName.BareTag bare && bare.tag().equals(reference.effectiveTag()))
                .map(n -> (SourceName.BareTag) n).findFirst()
                .map(bare -> "its bare tag '" + bare.tag() + "' serves only images named " + bare.hint());
    }

    private SourceContent content() {
        SourceContent c = content;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (content == null) {
                content = read();
            }
            return content;
        }
    }

    private SourceContent read() {
        try {
            SourceContent read;
            if (Files.isRegularFile(path)) {
                read = TarballReader.read(path);
            } else if (Files.isDirectory(path) && Files.isRegularFile(path.resolve("index.json"))) {
                read = OciLayoutReader.readDirectory(path);
            } else if (Files.isDirectory(path)) {
                read = DirTreeReader.read(path);
            } else {
                throw new NoSuchFileException(path.toString());
            }
            Set<SourceName> seen = new HashSet<>();
            for (SourceContent.NamedImage named : read.images()) {
                if (!seen.add(named.name())) {
                    LOG.warn("image source {} ({}): {} names more than one image; the first one is used", path,
                            read.kind(), named.name().describe());
                }
            }
            LOG.debug("image source {} ({}): {} named image(s)", path, read.kind(), read.images().size());
            return read;
        } catch (NoSuchFileException e) {
            throw new RegistryException(path.toString(), "image source not found: no such file or directory", e);
        } catch (IOException | UncheckedIOException e) {
            throw new RegistryException(path.toString(), "cannot read image source: " + e.getMessage(), e);
        }
    }
}
