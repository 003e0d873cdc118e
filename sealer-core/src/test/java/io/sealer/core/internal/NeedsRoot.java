package io.sealer.core.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;

/**
 * For tests that need root (mount namespaces, tmpfs, overlayfs): they skip for a developer who is not root, but when
 * the suite runs as root, as CI does, a missing capability fails the test instead of skipping it silently.
 */
public final class NeedsRoot {
    private NeedsRoot() {
    }

    /** True when this process runs as uid 0. */
    public static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }

    /**
     * Runs the test only where {@code available}; as root, fails when it is not.
     *
     * @param available whether the capability works here
     * @param what the capability, for the message
     */
    public static void require(boolean available, String what) {
        if (isRoot()) {
            assertTrue(available, what + " must work when the tests run as root");
        } else {
            assumeTrue(available, what + " (run the tests as root)");
        }
    }
}
