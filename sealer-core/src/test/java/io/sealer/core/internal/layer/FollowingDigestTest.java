package io.sealer.core.internal.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowingDigestTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    /** Writes files as the registry cache does: into a temporary name, renamed into place, then reported. */
    private final class Writer {
        private final Path root;
        private final FollowingDigest digest;
        private int names;

        Writer(Path root, FollowingDigest digest) {
            this.root = root;
            this.digest = digest;
        }

        void write(String name, byte[] content) throws IOException {
            write(name, content, "rw-r--r--");
        }

        void write(String name, byte[] content, String mode) throws IOException {
            Path target = root.resolve(name);
            Files.createDirectories(target.getParent());
            Path temp = tmp.resolve("partial-" + names++);
            Files.write(temp, content);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(mode));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            digest.completed(Path.of(name));
        }
    }

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static List<Path> paths(String... names) {
        return Arrays.stream(names).map(Path::of).toList();
    }

    private static final String LONG = "registry/docker/registry/v2/repositories/" + "deeply-nested-name/".repeat(6)
            + "_layers/sha256/" + "ab".repeat(32) + "/link";
    private static final String[] NAMES = {
        "registry/docker/registry/v2/blobs/sha256/0a/" + "0a".repeat(32) + "/data",
        "registry/docker/registry/v2/blobs/sha256/ff/" + "ff".repeat(32) + "/data",
        "registry/docker/registry/v2/repositories/app/_manifests/tags/1/current/link",
        "registry/docker/registry/v2/repositories/app/_manifests/tags/ünïcode/current/link",
        "registry/docker/registry/v2/empty-file",
        LONG,
    };

    private static String mode(int i) {
        return i == 1 ? "rwxr-x---" : "rw-r-----";
    }

    private byte[] content(int i) {
        return i == 4 ? new byte[0] : bytes(1000 + i * 70_001, i);
    }

    @Test
    void aTreeHashedWhileWrittenOutOfOrderHasTheReproducibleTarDigest() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("layer"));
        FollowingDigest digest = FollowingDigest.of(root);
        Writer writer = new Writer(root, digest);
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
        Collections.shuffle(order, new Random(7));
        writer.write(NAMES[order.get(0)], content(order.get(0)), mode(order.get(0))); // before the plan is known
        digest.planned(paths(NAMES));
        CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> {
            try {
                for (int i : order.subList(1, order.size())) {
                    writer.write(NAMES[i], content(i), mode(i));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        Optional<LayerDigest> result = assertTimeoutPreemptively(LIMIT, () -> {
            rest.join();
            return digest.finish();
        });

        assertThat(result).contains(ReproducibleTar.digest(root));
    }

    @Test
    void aWriterFarAheadIsHeldBackOnlyWhileTheHashingCanProceed() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("layer"));
        FollowingDigest digest = FollowingDigest.of(root, 1024);
        Writer writer = new Writer(root, digest);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            names.add(String.format("blobs/%02d/data", i));
        }
        digest.planned(names.stream().map(Path::of).toList());
        Optional<LayerDigest> result = assertTimeoutPreemptively(LIMIT, () -> {
            // the first file in tar order comes last: the hashing waits for it while the writer runs far ahead,
            // and a writer held back then would never write it
            for (int i = names.size() - 1; i >= 0; i--) {
                writer.write(names.get(i), bytes(64 * 1024, i));
            }
            return digest.finish();
        });
        assertThat(result).contains(ReproducibleTar.digest(root));
    }

    @Test
    void givesNothingWhenTheFinishedTreeIsNotWhatWasHashed() throws Exception {
        // a file replaced after it was reported: same size, other content
        Path replaced = Files.createDirectories(tmp.resolve("replaced"));
        FollowingDigest first = FollowingDigest.of(replaced);
        first.planned(paths("a/file", "b/file"));
        new Writer(replaced, first).write("a/file", "one".getBytes(StandardCharsets.UTF_8));
        awaitHashed(first, 3);
        Files.writeString(tmp.resolve("other"), "ONE");
        Files.move(tmp.resolve("other"), replaced.resolve("a/file"), StandardCopyOption.REPLACE_EXISTING);
        new Writer(replaced, first).write("b/file", "two".getBytes(StandardCharsets.UTF_8));
        assertThat(first.finish()).isEmpty();

        // a file nobody planned
        Path extra = Files.createDirectories(tmp.resolve("extra"));
        FollowingDigest second = FollowingDigest.of(extra);
        second.planned(paths("a/file"));
        new Writer(extra, second).write("a/file", "one".getBytes(StandardCharsets.UTF_8));
        Files.writeString(extra.resolve("a/unplanned"), "x");
        assertThat(second.finish()).isEmpty();

        // a file made executable after it was hashed
        Path mode = Files.createDirectories(tmp.resolve("mode"));
        FollowingDigest third = FollowingDigest.of(mode);
        third.planned(paths("run"));
        new Writer(mode, third).write("run", "#!/bin/sh".getBytes(StandardCharsets.UTF_8));
        awaitHashed(third, 9);
        Files.setPosixFilePermissions(mode.resolve("run"), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(third.finish()).isEmpty();
    }

    @Test
    void givesNothingWithoutAPlanOrWhenAPlannedFileNeverComes() throws Exception {
        Path none = Files.createDirectories(tmp.resolve("none"));
        FollowingDigest unplanned = FollowingDigest.of(none);
        new Writer(none, unplanned).write("a", new byte[] {1});
        assertThat(unplanned.finish()).isEmpty();

        Path missing = Files.createDirectories(tmp.resolve("missing"));
        FollowingDigest waiting = FollowingDigest.of(missing);
        waiting.planned(paths("a", "b"));
        new Writer(missing, waiting).write("b", new byte[] {2});
        assertThat(assertTimeoutPreemptively(LIMIT, waiting::finish)).isEmpty();

        Path outside = Files.createDirectories(tmp.resolve("outside"));
        FollowingDigest escaping = FollowingDigest.of(outside);
        escaping.planned(paths("../elsewhere"));
        assertThat(escaping.finish()).isEmpty();
    }

    @Test
    void closingStopsTheHashingAndFinishGivesNothing() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("layer"));
        FollowingDigest digest = FollowingDigest.of(root);
        digest.planned(paths("a", "b"));
        digest.close();
        new Writer(root, digest).write("b", bytes(4096, 1));
        assertThat(assertTimeoutPreemptively(LIMIT, digest::finish)).isEmpty();
    }

    /** Waits (bounded) until {@code bytes} of file content have been hashed. */
    private static void awaitHashed(FollowingDigest digest, long bytes) {
        assertTimeoutPreemptively(LIMIT, () -> {
            while (digest.hashedBytes() < bytes) {
                Thread.onSpinWait();
            }
        });
    }
}
