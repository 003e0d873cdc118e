package io.sealer.core.internal.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The host checks: every hostname unique (compared lower-case, as Kubernetes node names are) and every clock within
 * {@link #MAX_SKEW} of this machine's.
 *
 * @param hosts what each host said, in the cluster's order
 */
public record HostStatus(List<HostFacts> hosts) {
    /** The largest clock difference that passes (exclusive). */
    public static final Duration MAX_SKEW = Duration.ofMinutes(1);

    public HostStatus {
        hosts = List.copyOf(hosts);
    }

    /** The hostnames more than one host has (lower-case), each with those hosts' IPs. */
    public Map<String, List<String>> duplicateHostnames() {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (HostFacts facts : hosts) {
            facts.hostname().ifPresent(name -> byName.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                    k -> new ArrayList<>()).add(facts.host()));
        }
        byName.values().removeIf(ips -> ips.size() < 2);
        return byName;
    }

    /** Hosts whose hostname no other host has. */
    public int uniqueHostnameCount() {
        Map<String, List<String>> duplicates = duplicateHostnames();
        return (int) hosts.stream().filter(h -> h.hostname().isPresent())
                .filter(h -> !duplicates.containsKey(h.hostname().get().toLowerCase(Locale.ROOT))).count();
    }

    /** Hosts whose clock differs from this machine's by {@link #MAX_SKEW} or more. */
    public List<HostFacts> unsynchronizedHosts() {
        return hosts.stream().filter(h -> h.clockSkew().map(s -> s.abs().compareTo(MAX_SKEW) >= 0).orElse(false))
                .toList();
    }

    /** Hosts whose clock is within {@link #MAX_SKEW}. */
    public int synchronizedCount() {
        return (int) hosts.stream().filter(h -> h.clockSkew().isPresent()).count() - unsynchronizedHosts().size();
    }

    /** Hosts on which a check could not be done. */
    public List<HostFacts> failedHosts() {
        return hosts.stream().filter(h -> h.problem().isPresent()).toList();
    }

    /** True when every host answered, with a unique hostname and a clock in sync. */
    public boolean passed() {
        return failedHosts().isEmpty() && duplicateHostnames().isEmpty() && unsynchronizedHosts().isEmpty();
    }
}
