package io.sealer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gets what a command spends its start on ready on the second core while the first parses the command line.
 *
 * <ul>
 *   <li>SHA-256: the JDK hashes with the CPU's SHA instructions only in code compiled by C2, which a fresh JVM reaches
 *       after some megabytes hashed slowly; a command that hashes hundreds of megabytes (the blobs it downloads and
 *       verifies, the layers it digests) would otherwise do that in its first downloads, on the same two cores.</li>
 *   <li>JSON: the first Jackson mapper of a process initialises some hundred classes (about 30 ms); every command that
 *       reads a Kubefile, the store or a registry needs one right after the command line is parsed.</li>
 * </ul>
 *
 * <p>Both run on daemon threads for the commands that hash, and are done, or simply abandoned, by the time the real
 * work needs them; class initialisation is thread-safe, so the command waits at most for what is half done.
 */
final class WarmUp {
    /** The commands that hash a lot: they pull, push, load, save or digest layers. */
    private static final Set<String> HASHING = Set.of("build", "pull", "push", "load", "save");
    private static final int MEGABYTES = 16;

    private WarmUp() {
    }

    /** Starts the warm-up when {@code args} name a command that hashes (any argument before {@code --}). */
    static void startFor(String... args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return;
            }
            if (HASHING.contains(arg)) {
                start("sealer-sha256-warm-up", WarmUp::hashing, Thread.MIN_PRIORITY);
                start("sealer-json-warm-up", WarmUp::json, Thread.NORM_PRIORITY);
                return;
            }
        }
    }

    private static void start(String name, Runnable task, int priority) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.setPriority(priority);
        thread.start();
    }

    private static void hashing() {
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

    private static void json() {
        try {
            ObjectMapper mapper = new ObjectMapper();
            JsonNode tree = mapper.readTree(mapper.writeValueAsBytes(Map.of("warm", List.of(1, "up"))));
            tree.size();
        } catch (IOException | RuntimeException e) {
            // nothing to warm up; the command does its own work regardless
        }
    }
}
