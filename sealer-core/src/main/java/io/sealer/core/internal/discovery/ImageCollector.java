package io.sealer.core.internal.discovery;

import io.sealer.api.event.Progress;
import io.sealer.api.InvalidReferenceException;
import io.sealer.api.image.ImageReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Normalises candidate values, merges duplicates, remembers where each image came from and collects warnings. */
final class ImageCollector {
    private static final Logger LOG = LoggerFactory.getLogger(ImageCollector.class);
    private static final int MAX_SHOWN_VALUE = 120;

    private final Progress progress;
    private final Map<String, Found> found = new TreeMap<>();
    /** Raw values already parsed in this run: most images repeat across manifests. */
    private final Map<String, Parsed> parsed = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    ImageCollector(Progress progress) {
        this.progress = progress;
    }

    /** A reference without tag or digest gets {@code latest}, so {@code nginx} and {@code nginx:latest} merge. */
    static ImageReference canonical(ImageReference image) {
        return image.tag() == null && image.digest() == null ? image.withTag("latest") : image;
    }

    /** Offers a raw value found at {@code where}: an image when it parses, a warning when it does not. */
    void candidate(String rawValue, String where) {
        String value = rawValue.strip();
        if (value.isEmpty()) {
            return;
        }
        if (value.contains("{{") || value.contains("}}")) {
            warn(where, "skipped templated image value \"" + shorten(value) + "\"");
            return;
        }
        Parsed known = parsed.get(value);
        if (known == null) {
            try {
                known = new Parsed(found(ImageReference.parse(value)), null);
            } catch (InvalidReferenceException e) {
                known = new Parsed(null,
                        "skipped image value that is not a valid reference: " + shorten(e.getMessage()));
            }
            parsed.put(value, known);
        }
        if (known.image() != null) {
            known.image().sources().add(where);
        } else {
            warn(where, known.problem());
        }
    }

    void add(ImageReference image, String where) {
        found(image).sources().add(where);
    }

    private Found found(ImageReference image) {
        ImageReference canonical = canonical(image);
        return found.computeIfAbsent(canonical.fullName(), name -> new Found(canonical, new LinkedHashSet<>()));
    }

    void warn(String where, String message) {
        String warning = where + ": " + message;
        LOG.debug(warning);
        warnings.add(warning);
        progress.warning(where, message);
    }

    DiscoveryResult result(List<ImageReference> ignored) {
        Set<String> ignoredNames = new HashSet<>();
        ignored.forEach(image -> ignoredNames.add(canonical(image).fullName()));
        List<ImageReference> images = new ArrayList<>();
        Map<ImageReference, List<String>> sources = new java.util.LinkedHashMap<>();
        found.values().stream()
                .filter(f -> !ignoredNames.contains(f.image().fullName()))
                .sorted(Comparator.comparing(f -> f.image().fullName()))
                .forEach(f -> {
                    images.add(f.image());
                    sources.put(f.image(), List.copyOf(f.sources()));
                });
        return new DiscoveryResult(images, warnings, sources);
    }

    private static String shorten(String value) {
        return value.length() <= MAX_SHOWN_VALUE ? value : value.substring(0, MAX_SHOWN_VALUE) + "...";
    }

    private record Found(ImageReference image, Set<String> sources) {
    }

    /** What a raw value parsed to: an image's entry, or the warning it gives. */
    private record Parsed(Found image, String problem) {
    }
}
