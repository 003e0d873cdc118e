package io.sealer.ssh.internal.transfer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Digests of local trees already streamed or hashed in this process, by the tree's root and {@link
 * LocalTree#fingerprint()} (stat data of every entry, ctime and inode included), so deciding that a host already has a
 * tree reads no file. Bounded; thread-safe.
 */
public final class TreeDigestCache {
    private static final int CAPACITY = 256;

    private final Map<String, String> digests = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The digest of {@code tree}, if it was computed before and the tree has not changed since. */
    public synchronized Optional<String> get(LocalTree tree) {
        return Optional.ofNullable(digests.get(key(tree)));
    }

    /** Remembers the digest of {@code tree}. */
    public synchronized void put(LocalTree tree, String digest) {
        digests.put(key(tree), digest);
    }

    private static String key(LocalTree tree) {
        return tree.root().toAbsolutePath().normalize() + "\0" + tree.fingerprint();
    }
}
