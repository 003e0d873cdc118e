package io.sealer.core.internal.build;

import io.sealer.core.internal.io.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;

/**
 * A digest of COPY sources' names, kinds, exec bits, link targets and contents, computed without copying anything:
 * the build cache key of a COPY instruction. Independent of mtimes and owners, like the layer ids.
 */
final class SourceDigest {
    private SourceDigest() {
    }

    static String of(List<Path> sources) throws IOException {
        MessageDigest digest = Digests.sha256();
        byte[] buffer = new byte[64 * 1024];
        for (Path source : sources) {
            update(digest, "source:" + source.getFileName());
            List<Path> entries;
            try (Stream<Path> walk = Files.walk(source)) {
                entries = walk.sorted().toList();
            }
            for (Path entry : entries) {
                String relative = source.relativize(entry).toString();
                if (Files.isSymbolicLink(entry)) {
                    update(digest, "L" + relative + "->" + Files.readSymbolicLink(entry));
                } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    update(digest, "D" + relative);
                } else {
                    update(digest, (Files.isExecutable(entry) ? "X" : "F") + relative + ":" + Files.size(entry));
                    try (InputStream in = Files.newInputStream(entry)) {
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            digest.update(buffer, 0, n);
                        }
                    }
                }
            }
        }
        return Digests.idOf(digest);
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
