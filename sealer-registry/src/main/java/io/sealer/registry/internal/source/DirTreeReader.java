package io.sealer.registry.internal.source;

import io.sealer.api.InvalidReferenceException;
import io.sealer.api.image.ImageReference;
import io.sealer.registry.internal.manifest.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the trees {@code skopeo sync --dest dir} writes: one directory per image, {@code DEST/<name>:<tag>/}, holding
 * {@code manifest.json} (exactly as the registry served it), every blob as a file named by its hex digest (or
 * {@code <hex>.tar}, directory transport 1.0) and, with {@code --all}, the manifest of each platform as
 * {@code <hex>.manifest.json}. Without {@code --scoped} the name is the repository's last path component
 * ({@code library/nginx} gives {@code nginx:1.25}); with it, the full name with its registry
 * ({@code docker.io/library/nginx:1.25}). A single image directory ({@code skopeo copy ... dir:DIR}) named
 * {@code <name>:<tag>} is a source too.
 */
final class DirTreeReader {
    private static final Logger LOG = LoggerFactory.getLogger(DirTreeReader.class);
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_DEPTH = 12;

    private DirTreeReader() {
    }

    /** Indexes the tree (or single image directory) {@code root}. */
    static SourceContent read(Path root) throws IOException {
        List<Path> imageDirs = new ArrayList<>();
        boolean single = Files.isRegularFile(root.resolve("manifest.json"));
        if (single) {
            imageDirs.add(root);
        } else {
            try (Stream<Path> walk = Files.walk(root, MAX_DEPTH)) {
                walk.filter(p -> p.getFileName().toString().equals("manifest.json") && Files.isRegularFile(p))
                        .map(Path::getParent).sorted().forEach(imageDirs::add);
            }
        }
        if (imageDirs.isEmpty()) {
            throw new IOException("it holds no images: expected an OCI layout (index.json), a docker save tarball "
                    + "or a skopeo sync dir tree (<name>:<tag>/manifest.json)");
        }
        Map<String, BlobFile> blobs = new HashMap<>();
        List<SourceContent.NamedImage> images = new ArrayList<>();
        for (Path imageDir : imageDirs) {
            Path manifest = imageDir.resolve("manifest.json");
            byte[] content = Files.readAllBytes(manifest);
            String digest = Digests.of(content);
            blobs.putIfAbsent(digest, BlobFile.of(manifest));
            try (Stream<Path> files = Files.list(imageDir)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    String hex = name.endsWith(".manifest.json") ? name.substring(0, name.length() - 14)
                            : name.endsWith(".tar") ? name.substring(0, name.length() - 4) : name;
                    if (HEX.matcher(hex).matches() && Files.isRegularFile(file)) {
                        blobs.putIfAbsent("sha256:" + hex, BlobFile.of(file));
                    }
                }
            }
            String relative = (single ? imageDir.toAbsolutePath().normalize().getFileName()
                    : root.relativize(imageDir)).toString().replace('\\', '/');
            nameOf(root, relative).ifPresent(name -> images.add(new SourceContent.NamedImage(name, digest)));
        }
        return new SourceContent(single ? "skopeo dir image" : "skopeo dir tree", images, Map.of(),
                digest -> Optional.ofNullable(blobs.get(digest)));
    }

    /** {@code nginx:1.25}, {@code team/app:2} or {@code docker.io/library/nginx:1.25} as a name. */
    private static Optional<SourceName> nameOf(Path root, String relative) {
        int slash = relative.lastIndexOf('/');
        int colon = relative.lastIndexOf(':');
        if (colon <= slash + 1 || colon == relative.length() - 1) {
            LOG.warn("image source {}: directory {} is not named <name>:<tag>; its image can be found by digest only",
                    root, relative);
            return Optional.empty();
        }
        String path = relative.substring(0, colon);
        String tag = relative.substring(colon + 1);
        String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : "";
        try {
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                return Optional.of(new SourceName.Full(ImageReference.parse(path + ":" + tag)));
            }
            ImageReference.parse(path + ":" + tag); // validates the name
            return Optional.of(new SourceName.RepoPath(path, tag));
        } catch (InvalidReferenceException e) {
            LOG.warn("image source {}: directory {} is not a valid image name ({}); its image can be found by digest "
                    + "only", root, relative, e.problem());
            return Optional.empty();
        }
    }
}
