package io.sealer.core.internal.apply.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sealer.api.StoreException;
import io.sealer.core.internal.clusterfile.YamlDocuments;
import io.sealer.core.internal.io.IoFailures;
import io.sealer.core.internal.io.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The clusters applied with a store: {@code <storeRoot>/clusters/<name>/} holds the applied {@code Clusterfile}, its
 * passwords sealed with AES-256-GCM under the store's key ({@code <storeRoot>/keys/clusterfile.key}, created on first
 * use), and {@code hosts.json}, each host's node name by IP address. Files are written whole or not at all, mode 0600;
 * directories are 0700. Thread-safe.
 */
public final class ClusterStore {
    /** The saved Clusterfile's name in a cluster directory. */
    public static final String CLUSTERFILE = "Clusterfile";
    /** The saved host names' file in a cluster directory. */
    public static final String HOSTS = "hosts.json";

    private static final Pattern NAME = Pattern.compile("[a-z0-9A-Z]([a-zA-Z0-9._-]{0,251}[a-zA-Z0-9])?");
    private static final TypeReference<LinkedHashMap<String, String>> HOST_MAP = new TypeReference<>() {
    };

    private final Path clusters;
    private final Path keyFile;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private SecretBox box;

    /** @param storeRoot the store's root directory */
    public ClusterStore(Path storeRoot) {
        Path root = Objects.requireNonNull(storeRoot, "storeRoot").toAbsolutePath().normalize();
        this.clusters = root.resolve("clusters");
        this.keyFile = root.resolve("keys").resolve("clusterfile.key");
    }

    /**
     * The directory of cluster {@code name}, always directly below {@code <storeRoot>/clusters}.
     *
     * @throws StoreException when {@code name} is not a cluster name (letters, digits, {@code .}, {@code _},
     *     {@code -}; starting and ending with a letter or digit; no {@code ..})
     */
    public Path clusterDir(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            throw new StoreException(clusters.toString(), quoted(name) + " is not a cluster name (letters,"
                    + " digits, '.', '_' and '-', starting and ending with a letter or digit)", null);
        }
        Path dir = clusters.resolve(name).normalize();
        if (!clusters.equals(dir.getParent())) {
            throw new StoreException(clusters.toString(), quoted(name) + " does not name a directory directly"
                    + " below the clusters directory", null);
        }
        return dir;
    }

    /**
     * Saves the applied Clusterfile of cluster {@code name} (every document of it; the Cluster's passwords sealed) and
     * its hosts' node names.
     *
     * @param clusterfileYaml the Clusterfile as applied
     * @param hostnames node names by IP address
     * @throws io.sealer.api.ClusterfileException when the text is not YAML
     * @throws StoreException when the files cannot be written
     */
    public void save(String name, String clusterfileYaml, Map<String, String> hostnames) {
        Path dir = clusterDir(name);
        List<Object> documents = YamlDocuments.read(CLUSTERFILE, clusterfileYaml);
        SecretBox sealer = box();
        ClusterfileSecrets.change(documents, (field, at, value) -> sealer.seal(value, field));
        byte[] clusterfile = YamlDocuments.write(documents).getBytes(StandardCharsets.UTF_8);
        byte[] hosts;
        try {
            hosts = json.writeValueAsBytes(new LinkedHashMap<>(hostnames));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("host names do not serialise", e);
        }
        PrivateFiles.createDirectory(clusters);
        PrivateFiles.createDirectory(dir);
        PrivateFiles.writeAtomically(dir.resolve(HOSTS), hosts);
        PrivateFiles.writeAtomically(dir.resolve(CLUSTERFILE), clusterfile);
    }

    /**
     * The saved state of cluster {@code name}; empty when it was never saved.
     *
     * @throws StoreException when the files cannot be read, or a password does not decrypt (sealed with another
     *     store's key, or changed); the message names the file and the field
     */
    public Optional<SavedCluster> load(String name) {
        Path dir = clusterDir(name);
        Path file = dir.resolve(CLUSTERFILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw IoFailures.wrap(file, "reading the saved Clusterfile", e);
        }
        List<Object> documents = YamlDocuments.read(file.toString(), text);
        ClusterfileSecrets.change(documents, (field, at, value) -> open(file, field, at, value));
        return Optional.of(new SavedCluster(name, YamlDocuments.write(documents), hostnames(dir.resolve(HOSTS))));
    }

    /** The names of the saved clusters, sorted. */
    public List<String> list() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(clusters)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (NAME.matcher(name).matches() && !name.contains("..")
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        && Files.isRegularFile(entry.resolve(CLUSTERFILE))) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw IoFailures.wrap(clusters, "listing the saved clusters", e);
        }
        names.sort(null);
        return names;
    }

    /** Deletes the saved state of cluster {@code name}: its directory only (a link is removed, not followed). */
    public void remove(String name) {
        Path dir = clusterDir(name);
        try {
            Trees.deleteRecursively(dir);
        } catch (IOException e) {
            throw IoFailures.wrap(dir, "removing the saved cluster", e);
        }
    }

    private String open(Path file, String field, String at, String value) {
        if (!SecretBox.isSealed(value)) {
            return value;
        }
        try {
            return box().open(value, field);
        } catch (GeneralSecurityException e) {
            throw new StoreException(file.toString(), at + " of the Cluster document does not decrypt: it was sealed"
                    + " with another store's key (" + keyFile + ") or changed", null);
        }
    }

    private Map<String, String> hostnames(Path file) {
        try {
            return json.readValue(Files.readAllBytes(file), HOST_MAP);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw IoFailures.wrap(file, "reading the saved host names", e);
        }
    }

    private synchronized SecretBox box() {
        if (box == null) {
            box = new SecretBox(StoreKey.loadOrCreate(keyFile));
        }
        return box;
    }

    /** A name for a message: quoted, shortened, control characters shown as {@code ?}. */
    private static String quoted(String name) {
        String shown = name.length() > 80 ? name.substring(0, 77) + "..." : name;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }

    @Override
    public String toString() {
        return "ClusterStore[" + clusters + "]";
    }
}
