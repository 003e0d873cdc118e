package io.sealer.core.internal.layer;

import io.sealer.api.StoreException;

/**
 * A tar entry that would escape the directory it is extracted into (an absolute name, a {@code ..} segment, a path
 * through a symbolic link, a hard link to outside) or that has a type layers may not hold. Names the entry.
 */
public class UnsafeEntryException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String entry;

    public UnsafeEntryException(String entry, String problem) {
        super("tar entry \"" + entry + "\"", problem, null);
        this.entry = entry;
    }

    /** The entry name as found in the tar. */
    public String entry() {
        return entry;
    }
}
