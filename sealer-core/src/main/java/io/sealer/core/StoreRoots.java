package io.sealer.core;

import java.nio.file.Path;

/** Where the local store lives when nobody says: {@code /var/lib/sealer} for root, {@code ~/.sealer} otherwise. */
public final class StoreRoots {
    private StoreRoots() {
    }

    /** The default store root for the current user. */
    public static Path defaultRoot() {
        boolean root = "root".equals(System.getProperty("user.name"));
        return root ? Path.of("/var/lib/sealer") : Path.of(System.getProperty("user.home"), ".sealer");
    }
}
