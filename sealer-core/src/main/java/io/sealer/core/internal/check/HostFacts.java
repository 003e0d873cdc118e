package io.sealer.core.internal.check;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one host said.
 *
 * @param host the host's IP
 * @param hostname its {@code uname -n}, when it answered
 * @param clockSkew its clock minus this machine's (positive: the host is ahead), when it answered
 * @param problem why a check could not be done on it, when one could not
 */
public record HostFacts(String host, Optional<String> hostname, Optional<Duration> clockSkew,
        Optional<String> problem) {
    public HostFacts {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(problem, "problem");
    }
}
