package io.sealer.registry.internal.cache;

import io.sealer.registry.internal.manifest.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The CNCF distribution server's filesystem storage under {@code <rootdirectory>/docker/registry/v2}: blobs by digest,
 * and per repository the link files that make a blob, a manifest revision or a tag visible. Every file is written to
 * a temporary name and renamed, so a reader never sees a half-written one.
 *
 * <p>Temporary files are named from a counter in the write's own temporary directory (no random names, which cost
 * a {@code SecureRandom} shared by every thread), and directories this instance has made are remembered, so a link
 * costs about four system calls: open, write, close, rename.
 */
final class RegistryLayout {
    private final Path v2;
    private final Path temp;
    private final AtomicLong names = new AtomicLong();
    private final Set<Path> directories = ConcurrentHashMap.newKeySet();
    private final Set<Path> links = ConcurrentHashMap.newKeySet();
    private final Consumer<Path> placed;

    /**
     * @param v2 the {@code docker/registry/v2} directory
     * @param temp where files are written before they are renamed into place
     * @param placed told each file (absolute path) once it is in place with its final content
     */
    RegistryLayout(Path v2, Path temp, Consumer<Path> placed) {
        this.v2 = v2;
        this.temp = temp;
        this.placed = placed;
    }

    RegistryLayout(Path v2, Path temp) {
        this(v2, temp, file -> { });
    }

    /** The layout under a registry {@code rootdirectory} (the directory holding {@code docker/}). */
    static Path v2Of(Path rootDirectory) {
        return rootDirectory.resolve("docker").resolve("registry").resolve("v2");
    }

    Path v2() {
        return v2;
    }

    Path blobData(String digest) {
        String hex = Digests.hex(digest);
        return v2.resolve("blobs").resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
    }

    boolean hasBlob(String digest) {
        return Files.isRegularFile(blobData(digest));
    }

    Optional<byte[]> readBlob(String digest) {
        try {
            return Optional.of(Files.readAllBytes(blobData(digest)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Moves a verified file into place as the blob's data. */
    void adoptBlob(String digest, Path verified) throws IOException {
        Path target = blobData(digest);
        directory(target.getParent());
        move(verified, target);
    }

    void writeBlob(String digest, byte[] content) throws IOException {
        if (hasBlob(digest)) {
            return;
        }
        adoptBlob(digest, write("blob", content));
    }

    /** A new file in the temporary directory holding {@code content}. */
    private Path write(String prefix, byte[] content) throws IOException {
        Path file = temp.resolve(prefix + "-" + names.incrementAndGet() + ".tmp");
        Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return file;
    }

    /** Makes {@code dir} and its parents unless this instance already has. */
    private void directory(Path dir) throws IOException {
        if (directories.contains(dir)) {
            return;
        }
        Files.createDirectories(dir);
        for (Path d = dir; d != null && d.startsWith(v2) && directories.add(d); d = d.getParent()) {
            // remembered, up to the first one already known
        }
    }

    Path repository(String path) {
        return v2.resolve("repositories").resolve(path);
    }

    /** Links a blob into the repository; a link this instance has already written (same path, same digest) stays. */
    void linkLayer(String repo, String digest) throws IOException {
        writeLinkOnce(layerDir(repo, digest), digest);
    }

    /** Links a manifest into the repository; a link this instance has already written stays. */
    void linkRevision(String repo, String digest) throws IOException {
        writeLinkOnce(revisionDir(repo, digest), digest);
    }

    /**
     * Every file that caching one image writes here: its manifests' blobs, the blobs it fetches, a layer link per
     * blob, a revision link per manifest and, when tagged, the tag's index entry and {@code current} link.
     */
    Set<Path> filesOf(String repo, Collection<String> manifests, Collection<String> fetched,
            Collection<String> layers, String tag, String top) {
        Set<Path> files = new HashSet<>();
        manifests.forEach(d -> files.add(blobData(d)));
        fetched.forEach(d -> files.add(blobData(d)));
        layers.forEach(d -> files.add(layerDir(repo, d).resolve("link")));
        manifests.forEach(d -> files.add(revisionDir(repo, d).resolve("link")));
        if (tag != null) {
            files.add(tagIndex(repo, tag, top).resolve("link"));
            files.add(tagDir(repo, tag).resolve("current").resolve("link"));
        }
        return files;
    }

    boolean hasRevision(String repo, String digest) {
        return Files.isRegularFile(revisionDir(repo, digest).resolve("link"));
    }

    /** Writes the tag's index entry, then (last) its {@code current} link. */
    void linkTag(String repo, String tag, String digest) throws IOException {
        writeLink(tagIndex(repo, tag, digest), digest);
        writeLink(tagDir(repo, tag).resolve("current"), digest);
    }

    /**
     * Makes the directories the layer and revision links of an image will go in, without the links (a layer or
     * revision directory without its link makes nothing visible), so that less is left to do once the image's last
     * blob is in. Tag directories are not made early: the registry lists a tag by its directory.
     */
    void prepareLinks(String repo, Iterable<String> layers, Iterable<String> revisions) throws IOException {
        for (String layer : layers) {
            directory(layerDir(repo, layer));
        }
        for (String revision : revisions) {
            directory(revisionDir(repo, revision));
        }
    }

    private Path layerDir(String repo, String digest) {
        return repository(repo).resolve("_layers").resolve("sha256").resolve(Digests.hex(digest));
    }

    private Path tagDir(String repo, String tag) {
        return repository(repo).resolve("_manifests").resolve("tags").resolve(tag);
    }

    private Path tagIndex(String repo, String tag, String digest) {
        return tagDir(repo, tag).resolve("index").resolve("sha256").resolve(Digests.hex(digest));
    }

    Optional<String> tagDigest(String repo, String tag) {
        Path link = repository(repo).resolve("_manifests").resolve("tags").resolve(tag).resolve("current")
                .resolve("link");
        try {
            String digest = Files.readString(link, StandardCharsets.US_ASCII).trim();
            return Digests.isSha256(digest) ? Optional.of(digest) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Path revisionDir(String repo, String digest) {
        return repository(repo).resolve("_manifests").resolve("revisions").resolve("sha256")
                .resolve(Digests.hex(digest));
    }

    private void writeLink(Path dir, String digest) throws IOException {
        directory(dir);
        move(write("link", digest.getBytes(StandardCharsets.US_ASCII)), dir.resolve("link"));
    }

    /** For links whose path names their digest: written once by this instance, then left as they are. */
    private void writeLinkOnce(Path dir, String digest) throws IOException {
        if (links.add(dir)) {
            writeLink(dir, digest);
        }
    }

    private void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        placed.accept(to);
    }
}
