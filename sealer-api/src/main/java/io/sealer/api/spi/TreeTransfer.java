package io.sealer.api.spi;

import java.util.Objects;

/**
 * What sending a directory tree to a host did.
 *
 * @param skipped true when the host already held this content (its marker matched) and nothing was sent
 * @param files regular files sent
 * @param bytes bytes of file content sent
 * @param digest {@code sha256:} of the tree as sent (its reproducible tar), also recorded in the host's marker
 */
public record TreeTransfer(boolean skipped, long files, long bytes, String digest) {
    public TreeTransfer {
        Objects.requireNonNull(digest, "digest");
    }
}
