package io.sealer.core.internal.plugin.builtin;

import com.google.common.net.InetAddresses;
import io.sealer.core.internal.clusterfile.IpAddresses;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** IP literals of plugin data, compared in canonical form (so {@code fd00::1} matches {@code fd00:0::1}). */
final class Ips {
    /** The most addresses one list or range may stand for. */
    static final int MAX_EXPANSION = 65_536;

    private Ips() {
    }

    /** The canonical form of one IP literal; empty when the text is not one (names are never resolved). */
    static Optional<String> canonical(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.indexOf('%') >= 0 || !InetAddresses.isInetAddress(trimmed)) {
            return Optional.empty();
        }
        return Optional.of(InetAddresses.toAddrString(InetAddresses.forString(trimmed)));
    }

    /** The canonical forms of hosts given as IP literals; other entries are kept as written. */
    static Set<String> canonicalAll(Collection<String> hosts) {
        Set<String> result = new LinkedHashSet<>();
        hosts.forEach(h -> result.add(canonical(h).orElse(h)));
        return result;
    }

    /**
     * The addresses of an IP, a range {@code a-b} or a list {@code a,b}, canonical.
     *
     * @throws IpAddresses.InvalidIpException saying what is wrong with the entry
     */
    static List<String> expand(String entry) throws IpAddresses.InvalidIpException {
        return IpAddresses.expand(entry, MAX_EXPANSION);
    }
}
