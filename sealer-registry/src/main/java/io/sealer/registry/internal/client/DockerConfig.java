package io.sealer.registry.internal.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sealer.api.RegistryException;
import io.sealer.api.registry.RegistryCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A docker {@code config.json}: reads credentials from {@code auths} (base64 {@code auth} or
 * {@code username}/{@code password}), {@code credHelpers} and {@code credsStore} (through the
 * {@code docker-credential-<name> get} protocol), and writes {@code auths} entries the way {@code docker login} does,
 * keeping every other field. Immutable: the {@code with...} methods return a changed copy. Never shows secrets.
 */
public final class DockerConfig {
    /** The key {@code docker login} uses for Docker Hub. */
    public static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String source;
    private final ObjectNode root;
    private final Function<String, List<String>> helperCommand;

    private DockerConfig(String source, ObjectNode root, Function<String, List<String>> helperCommand) {
        this.source = source;
        this.root = root;
        this.helperCommand = helperCommand;
    }

    /** An empty configuration. */
    public static DockerConfig empty() {
        return new DockerConfig("<empty>", JSON.createObjectNode(), CredentialHelper::defaultCommand);
    }

    /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
    public static Path defaultLocation() {
        String dir = System.getenv("DOCKER_CONFIG");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir, "config.json");
        }
        return Path.of(System.getProperty("user.home"), ".docker", "config.json");
    }

    /**
     * Loads a config file; a missing file is an empty configuration.
     *
     * @throws RegistryException naming the file when it is not a JSON object
     */
    public static DockerConfig load(Path file) {
        return load(file, CredentialHelper::defaultCommand);
    }

    static DockerConfig load(Path file, Function<String, List<String>> helperCommand) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new DockerConfig(file.toString(), JSON.createObjectNode(), helperCommand);
        } catch (IOException e) {
            throw new RegistryException(file.toString(), "cannot read docker config: " + e.getMessage(), e);
        }
        JsonNode node;
        try {
            node = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new RegistryException(file + (line > 0 ? ":" + line : ""),
                    "docker config is not valid JSON; expected an object with \"auths\"", null);
        } catch (IOException e) {
            throw new RegistryException(file.toString(), "cannot read docker config: " + e.getMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new RegistryException(file.toString(), "docker config must be a JSON object", null);
        }
        return new DockerConfig(file.toString(), object, helperCommand);
    }

    /**
     * Credentials for a registry ({@code docker.io}, {@code quay.io}, {@code host:port}): a {@code credHelpers} entry
     * wins, then {@code auths}, then {@code credsStore}.
     *
     * @throws RegistryException naming the registry when an entry is malformed or a helper fails
     */
    public Optional<RegistryCredentials> credentials(String registry) {
        String wanted = normalise(registry);
        JsonNode helpers = root.path("credHelpers");
        for (Iterator<Map.Entry<String, JsonNode>> it = helpers.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (normalise(e.getKey()).equals(wanted) && !e.getValue().asText("").isEmpty()) {
                return new CredentialHelper(helperCommand.apply(e.getValue().asText())).get(serverUrl(registry));
            }
        }
        Optional<RegistryCredentials> fromAuths = fromAuths(wanted);
        if (fromAuths.isPresent()) {
            return fromAuths;
        }
        String store = root.path("credsStore").asText("");
        if (!store.isEmpty()) {
            return new CredentialHelper(helperCommand.apply(store)).get(serverUrl(registry));
        }
        return Optional.empty();
    }

    /** A copy with {@code auths} holding these credentials for the registry (as {@code docker login} writes them). */
    public DockerConfig withCredentials(String registry, RegistryCredentials credentials) {
        ObjectNode copy = root.deepCopy();
        ObjectNode auths = copy.has("auths") && copy.get("auths").isObject()
                ? (ObjectNode) copy.get("auths") : copy.putObject("auths");
        removeMatching(auths, normalise(registry));
        String auth = Base64.getEncoder().encodeToString(
                (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
        auths.putObject(serverUrl(registry)).put("auth", auth);
        return new DockerConfig(source, copy, helperCommand);
    }

    /** A copy without any {@code auths} entry for the registry. */
    public DockerConfig withoutCredentials(String registry) {
        ObjectNode copy = root.deepCopy();
        if (copy.get("auths") instanceof ObjectNode auths) {
            removeMatching(auths, normalise(registry));
        }
        return new DockerConfig(source, copy, helperCommand);
    }

    /** Writes the configuration atomically, readable only by its owner where the file system allows. */
    public void write(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".config", ".json.tmp");
            try {
                restrict(temp);
                Files.write(temp, JSON.writeValueAsBytes(root));
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new RegistryException(file.toString(), "cannot write docker config: " + e.getMessage(), e);
        }
    }

    /** The registry key used in {@code auths}: {@code https://index.docker.io/v1/} for Docker Hub, else the host. */
    static String serverUrl(String registry) {
        return normalise(registry).equals("docker.io") ? DOCKER_HUB_KEY : normalise(registry);
    }

    /** {@code https://index.docker.io/v1/} → {@code docker.io}; {@code https://host:5000/v2/} → {@code host:5000}. */
    static String normalise(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        int scheme = k.indexOf("://");
        if (scheme >= 0) {
            k = k.substring(scheme + 3);
        }
        int slash = k.indexOf('/');
        if (slash >= 0) {
            k = k.substring(0, slash);
        }
        return switch (k) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> "docker.io";
            default -> k;
        };
    }

    private Optional<RegistryCredentials> fromAuths(String wanted) {
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("auths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!normalise(e.getKey()).equals(wanted)) {
                continue;
            }
            JsonNode entry = e.getValue();
            String auth = entry.path("auth").asText("");
            if (!auth.isEmpty()) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException ex) {
                    throw new RegistryException(source, "auths." + e.getKey() + ".auth is not valid base64", null);
                }
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    throw new RegistryException(source,
                            "auths." + e.getKey() + ".auth must encode \"user:password\"", null);
                }
                return Optional.of(new RegistryCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
            }
            String user = entry.path("username").asText("");
            if (!user.isEmpty()) {
                return Optional.of(new RegistryCredentials(user, entry.path("password").asText("")));
            }
        }
        return Optional.empty();
    }

    /** True when {@code auths} has an entry for the registry. */
    boolean hasAuthsEntry(String registry) {
        String wanted = normalise(registry);
        for (Iterator<String> it = root.path("auths").fieldNames(); it.hasNext();) {
            if (normalise(it.next()).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static void removeMatching(ObjectNode auths, String wanted) {
        for (Iterator<String> it = auths.fieldNames(); it.hasNext();) {
            if (normalise(it.next()).equals(wanted)) {
                it.remove();
            }
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: keep its defaults
        }
    }

    @Override
    public String toString() {
        return "DockerConfig[" + source + ", registries=" + JSON.convertValue(root.path("auths"), Map.class).keySet()
                + "]";
    }
}
