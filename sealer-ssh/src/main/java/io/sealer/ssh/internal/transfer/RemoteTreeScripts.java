package io.sealer.ssh.internal.transfer;

import static io.sealer.ssh.internal.exec.ShellQuoting.single;

import java.util.List;

/**
 * The bash scripts of a tree transfer on the host. The tree goes into a staging directory beside the target
 * ({@code <target>.sealer-partial-<random>}); only when it is complete and verified does it get its marker and take
 * the target's place ({@code mv} the old tree aside, {@code mv} the staging directory in, remove the old tree), so an
 * interrupted transfer leaves at most a staging directory without a marker, never a tree that looks complete.
 */
final class RemoteTreeScripts {
    static final String STAGING_INFIX = ".sealer-partial-";
    static final String OLD_INFIX = ".sealer-old-";

    private RemoteTreeScripts() {
    }

    /** Prints the target's marker, if there is one. */
    static String readMarker(String target) {
        return "cat -- " + single(target + "/" + LocalTree.MARKER) + " 2>/dev/null\nexit 0\n";
    }

    /**
     * Removes what interrupted transfers to {@code target} left, creates {@code staging}, and extracts the tar stream on
     * standard input into it; prints {@code tar-exit=<status>}. The stream is not hashed again on the host: the SSH
     * transport's MAC already guarantees the bytes, and on a small host a second hash costs a core.
     */
    static String receiveTar(String target, String staging) {
        return "rm -rf -- " + single(target) + STAGING_INFIX + "* " + single(target) + OLD_INFIX + "*\n"
                + "mkdir -p -- " + single(staging) + " || exit 1\n"
                + "tar -xf - -C " + single(staging) + " >&2\n"
                + "echo \"tar-exit=$?\"\n";
    }

    /**
     * Prepares {@code staging} for an SFTP upload by {@code owner} (the login user; {@code null} for root): removes
     * leftovers of interrupted transfers, creates it, and hands it to the user.
     */
    static String prepareSftp(String target, String staging, String owner) {
        return "rm -rf -- " + single(target) + STAGING_INFIX + "* " + single(target) + OLD_INFIX + "*\n"
                + "mkdir -p -- " + single(staging) + " || exit 1\n"
                + (owner == null ? "" : "chown -- " + single(owner) + " " + single(staging) + " || exit 1\n");
    }

    /**
     * After an SFTP upload: creates the symlinks, gives the tree to root when a user uploaded it, and sets every
     * entry's mode and mtime (deepest first; mtimes where {@code touch -d @secs} works).
     */
    static String finishSftp(String staging, List<LocalTree.Entry> entries, boolean chownToRoot) {
        StringBuilder script = new StringBuilder();
        script.append("cd -- ").append(single(staging)).append(" || exit 1\n");
        for (LocalTree.Entry entry : entries) {
            if (entry.type() == LocalTree.Type.SYMLINK) {
                script.append("ln -s -- ").append(single(entry.linkTarget())).append(' ')
                        .append(single(entry.name())).append(" || exit 1\n");
            }
        }
        if (chownToRoot) {
            script.append("chown -R -h 0:0 . || exit 1\n");
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            LocalTree.Entry entry = entries.get(i);
            if (entry.type() != LocalTree.Type.SYMLINK) {
                script.append("chmod ").append(Integer.toOctalString(entry.mode())).append(" -- ")
                        .append(single(entry.name())).append(" || exit 1\n");
            }
            script.append("touch -h -m -d @").append(entry.mtimeSeconds()).append(" -- ")
                    .append(single(entry.name())).append(" 2>/dev/null\n");
        }
        return script.toString();
    }

    /**
     * Writes the marker into {@code staging} and swaps it into {@code target}'s place; on failure the old tree is put
     * back.
     */
    static String commit(String target, String staging, String old, ContentMarker marker) {
        return "printf '%s' " + single(marker.text()) + " > " + single(staging + "/" + LocalTree.MARKER)
                + " || exit 1\n"
                + "if [ -e " + single(target) + " ] || [ -L " + single(target) + " ]; then\n"
                + "  mv -- " + single(target) + " " + single(old) + " || exit 1\n"
                + "fi\n"
                + "if ! mv -- " + single(staging) + " " + single(target) + "; then\n"
                + "  [ -e " + single(old) + " ] && mv -- " + single(old) + " " + single(target) + "\n"
                + "  exit 1\n"
                + "fi\n"
                + "rm -rf -- " + single(old) + "\n";
    }

    /** Removes a staging directory. */
    static String discard(String staging) {
        return "rm -rf -- " + single(staging) + "\nexit 0\n";
    }
}
