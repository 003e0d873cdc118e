package io.sealer.registry.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealer.api.RegistryException;
import io.sealer.api.registry.RegistryCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs a docker credential helper ({@code docker-credential-<name> get}, server URL on stdin, JSON on stdout). */
final class CredentialHelper {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 30;

    private final List<String> command;

    CredentialHelper(List<String> command) {
        this.command = List.copyOf(command);
    }

    static List<String> defaultCommand(String name) {
        return List.of("docker-credential-" + name);
    }

    Optional<RegistryCredentials> get(String serverUrl) {
        List<String> cmd = new ArrayList<>(command);
        cmd.add("get");
        String helper = command.get(0);
        Process process;
        try {
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new RegistryException(serverUrl, "cannot run credential helper " + helper + ": " + e.getMessage(),
                    null);
        }
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the helper did not read its input; its exit code tells what happened
            }
            byte[] out;
            try (InputStream stdout = process.getInputStream()) {
                out = stdout.readNBytes(1 << 20);
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new RegistryException(serverUrl, "credential helper " + helper + " did not finish in "
                        + TIMEOUT_SECONDS + " s", null);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                if (text.toLowerCase(java.util.Locale.ROOT).contains("credentials not found")) {
                    return Optional.empty();
                }
                throw new RegistryException(serverUrl, "credential helper " + helper + " failed with exit code "
                        + process.exitValue(), null);
            }
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (IOException e) {
                throw new RegistryException(serverUrl, "credential helper " + helper
                        + " printed no JSON object with Username and Secret", null);
            }
            String user = node == null ? "" : node.path("Username").asText("");
            String secret = node == null ? "" : node.path("Secret").asText("");
            if (secret.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new RegistryCredentials(user, secret));
        } catch (IOException e) {
            throw new RegistryException(serverUrl, "credential helper " + helper + " failed: " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new RegistryException(serverUrl, "interrupted while running credential helper " + helper, null);
        }
    }
}
