package io.sealer.ssh.internal.transfer;

import java.util.Objects;
import java.util.Optional;

/**
 * The marker file ({@value LocalTree#MARKER}) a complete tree carries on a host: what the tree is and its digest.
 * Written into the staging directory last, so a tree that has it arrived whole.
 *
 * @param contentId what the tree is (an image id)
 * @param digest {@code sha256:<hex>} of the tree's tar stream
 */
public record ContentMarker(String contentId, String digest) {
    public ContentMarker {
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(digest, "digest");
        if (contentId.contains("\n") || contentId.contains("\r")) {
            throw new IllegalArgumentException("a content id is one line");
        }
    }

    /** The marker's text. */
    public String text() {
        return "contentId=" + contentId + "\ndigest=" + digest + "\n";
    }

    /** The marker in {@code text}, if it is one. */
    public static Optional<ContentMarker> parse(String text) {
        String contentId = null;
        String digest = null;
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("contentId=")) {
                contentId = stripped.substring("contentId=".length());
            } else if (stripped.startsWith("digest=")) {
                digest = stripped.substring("digest=".length());
            }
        }
        return contentId == null || digest == null ? Optional.empty()
                : Optional.of(new ContentMarker(contentId, digest));
    }
}
