package io.sealer.ssh.internal.hostkey;

import java.util.Locale;
import org.apache.sshd.client.config.hosts.KnownHostEntry;

/**
 * Whether a {@code known_hosts} entry names a host, as OpenSSH decides it: the host's name ({@code host}, or
 * {@code [host]:port} for a port other than 22) against the entry's comma-separated patterns ({@code *} and {@code ?}
 * wildcards, {@code !} negation, case-insensitive), or against a hashed entry's HMAC.
 */
final class HostPatterns {
    private HostPatterns() {
    }

    static boolean matches(KnownHostEntry entry, HostKeyTarget target) {
        if (entry.getHashedEntry() != null) {
            return entry.getHashedEntry().isHostMatch(target.host(), target.port());
        }
        String patterns = patterns(entry.getConfigLine());
        return patterns != null && matchList(target.knownHostsName().toLowerCase(Locale.ROOT), patterns);
    }

    /** OpenSSH's {@code match_hostname}: a negated match wins, else any match. */
    static boolean matchList(String name, String patterns) {
        boolean matched = false;
        for (String pattern : patterns.split(",")) {
            boolean negated = pattern.startsWith("!");
            String glob = (negated ? pattern.substring(1) : pattern).toLowerCase(Locale.ROOT);
            if (glob.isEmpty() || !glob(name, 0, glob, 0)) {
                continue;
            }
            if (negated) {
                return false;
            }
            matched = true;
        }
        return matched;
    }

    private static String patterns(String line) {
        if (line == null) {
            return null;
        }
        String[] words = line.strip().split("\\s+");
        int index = words.length > 0 && words[0].startsWith("@") ? 1 : 0;
        return words.length > index ? words[index] : null;
    }

    private static boolean glob(String text, int t, String pattern, int p) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int i = t; i <= text.length(); i++) {
                    if (glob(text, i, pattern, p + 1)) {
                        return true;
                    }
                }
                return false;
            }
            if (t >= text.length() || (c != '?' && c != text.charAt(t))) {
                return false;
            }
            t++;
            p++;
        }
        return t == text.length();
    }
}
