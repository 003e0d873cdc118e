package io.sealer.ssh.internal.hostkey;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;

/**
 * What {@code known_hosts} says of the key a host offers, as OpenSSH decides it: known when an entry for the host
 * holds that key; changed when entries for the host hold other keys of the same type; revoked when a
 * {@code @revoked} entry holds it; else unknown. {@code @cert-authority} entries are not used.
 */
public final class HostKeyCheck {
    private HostKeyCheck() {
    }

    /** The verdict. */
    public sealed interface Verdict {
    }

    /** The key is recorded for the host. */
    public record Known(int line) implements Verdict {
    }

    /** No key of the offered type is recorded for the host; {@code knownTypes} are the types that are. */
    public record Unknown(Set<String> knownTypes) implements Verdict {
    }

    /** The host's recorded key of this type differs: {@code line} holds the old one. */
    public record Changed(int line, String oldType, byte[] oldBlob) implements Verdict {
    }

    /** The key is marked {@code @revoked} at {@code line}. */
    public record Revoked(int line) implements Verdict {
    }

    /** The verdict of {@code lines} on {@code offered} from {@code target}. */
    public static Verdict check(List<KnownHostsFile.Line> lines, HostKeyTarget target, PublicKey offered) {
        String type = HostKeys.type(offered);
        byte[] blob = HostKeys.blob(offered);
        List<KnownHostsFile.Line> sameType = new ArrayList<>();
        Set<String> knownTypes = new LinkedHashSet<>();
        for (KnownHostsFile.Line line : lines) {
            KnownHostEntry entry = line.entry();
            if (!HostPatterns.matches(entry, target)) {
                continue;
            }
            AuthorizedKeyEntry key = entry.getKeyEntry();
            String marker = entry.getMarker();
            if ("revoked".equals(marker)) {
                if (Arrays.equals(key.getKeyData(), blob)) {
                    return new Revoked(line.number());
                }
                continue;
            }
            if (marker != null) {
                continue;
            }
            knownTypes.add(key.getKeyType());
            if (key.getKeyType().equals(type)) {
                sameType.add(line);
            }
        }
        for (KnownHostsFile.Line line : sameType) {
            if (Arrays.equals(line.entry().getKeyEntry().getKeyData(), blob)) {
                return new Known(line.number());
            }
        }
        if (!sameType.isEmpty()) {
            KnownHostsFile.Line old = sameType.get(0);
            return new Changed(old.number(), old.entry().getKeyEntry().getKeyType(),
                    old.entry().getKeyEntry().getKeyData());
        }
        return new Unknown(knownTypes);
    }

    /** The key types recorded for {@code target}, for ordering the host-key algorithms offered. */
    public static Set<String> knownTypes(List<KnownHostsFile.Line> lines, HostKeyTarget target) {
        Set<String> types = new LinkedHashSet<>();
        for (KnownHostsFile.Line line : lines) {
            if (line.entry().getMarker() == null && HostPatterns.matches(line.entry(), target)) {
                types.add(line.entry().getKeyEntry().getKeyType());
            }
        }
        return types;
    }
}
