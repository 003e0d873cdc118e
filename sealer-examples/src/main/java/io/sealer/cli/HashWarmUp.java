package io.sealer.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * Gets SHA-256 compiled before a command needs it at full speed. The JDK hashes with the CPU's SHA instructions only
 * in code compiled by C2, which a fresh JVM reaches after some megabytes hashed slowly; a command that hashes hundreds
 * of megabytes (the blobs it downloads and verifies, the layers it digests) would otherwise do that in its first
 * downloads, on the same two cores. So for those commands a daemon thread hashes a few megabytes of zeros while the
 * program is still starting (mostly on one core), and is done, or simply abandoned, by the time the real work runs.
 */
final class HashWarmUp {
    /** The commands that hash a lot: they pull, push, load, save or digest layers. */
    private static final Set<String> HASHING = Set.of("build", "pull", "push", "load", "save");
    private static final int MEGABYTES = 16;

    private HashWarmUp() {
    }

    /** Starts the warm-up when {@code args} name a command that hashes (any argument before {@code --}). */
    static void startFor(String... args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return;
            }
            if (HASHING.contains(arg)) {
                Thread thread = new Thread(HashWarmUp::run, "sealer-sha256-warm-up");
                thread.setDaemon(true);
                thread.setPriority(Thread.MIN_PRIORITY);
                thread.start();
                return;
            }
        }
    }

    private static void run() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] block = new byte[64 * 1024];
            for (int i = 0; i < MEGABYTES * 16; i++) {
                sha.update(block);
            }
            sha.digest();
        } catch (NoSuchAlgorithmException e) {
            // nothing to warm up
        }
    }
}
