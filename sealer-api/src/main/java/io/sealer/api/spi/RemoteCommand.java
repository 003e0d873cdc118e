package io.sealer.api.spi;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A shell command to run on a host.
 *
 * @param command the command line, run by {@code /bin/bash} (through {@code sudo} for a non-root user)
 * @param env variables exported before the command, as sealer's remote commands expect them (sorted, safely quoted;
 *     when {@code env} sets no {@code PATH}, the host's gets {@code /usr/local/sbin:/usr/local/bin} and the system
 *     directories appended); names must be shell variable names
 * @param timeout bound on the command; on expiry the remote process group is killed; empty: the connector's default
 * @param secrets values that must never appear in logs, events or exception messages (passwords, tokens given in
 *     {@code env} or on the command line); they are replaced by {@code ***}
 */
public record RemoteCommand(String command, Map<String, String> env, Optional<Duration> timeout, Set<String> secrets) {
    public RemoteCommand {
        Objects.requireNonNull(command, "command");
        env = Collections.unmodifiableMap(new TreeMap<>(env));
        Objects.requireNonNull(timeout, "timeout");
        secrets = Set.copyOf(secrets);
    }

    /** A command with no environment, the default timeout and no secrets. */
    public static RemoteCommand of(String command) {
        return new RemoteCommand(command, Map.of(), Optional.empty(), Set.of());
    }

    /** This command with one more variable. */
    public RemoteCommand withEnv(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(env);
        more.put(name, value);
        return new RemoteCommand(command, more, timeout, secrets);
    }

    /** This command with a timeout of its own. */
    public RemoteCommand withTimeout(Duration value) {
        return new RemoteCommand(command, env, Optional.of(value), secrets);
    }

    /** This command with values to keep out of every log, event and message. */
    public RemoteCommand withSecrets(Set<String> values) {
        return new RemoteCommand(command, env, timeout, values);
    }

    /** {@code text} with every secret replaced by {@code ***}. */
    public String redact(String text) {
        String redacted = text;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                redacted = redacted.replace(secret, "***");
            }
        }
        return redacted;
    }
}
