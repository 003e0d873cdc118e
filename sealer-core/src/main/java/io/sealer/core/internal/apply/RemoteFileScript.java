package io.sealer.core.internal.apply;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The remote script of a {@link io.sealer.core.internal.plan.StepAction.SendFile}: the content travels base64-encoded
 * inside the script (scripts reach the host on standard input, never on a command line), is decoded into a temporary
 * file beside the target, given its mode and renamed over the target, so the target is replaced whole or not at all.
 *
 * @param script the bash script
 * @param payload the encoded content inside it, to be kept out of logs and events
 */
record RemoteFileScript(String script, String payload) {
    /** The script that writes {@code content} to {@code remotePath} with {@code mode} (octal, e.g. {@code 0644}). */
    static RemoteFileScript of(String content, String remotePath, String mode) {
        String payload = Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8));
        String script = "set -e\n"
                + "__sealer_target=" + quote(remotePath) + "\n"
                + "__sealer_dir=$(dirname -- \"$__sealer_target\")\n"
                + "mkdir -p -- \"$__sealer_dir\"\n"
                + "__sealer_tmp=$(mktemp -- \"$__sealer_dir/.sealer-write.XXXXXXXX\")\n"
                + "trap 'rm -f -- \"$__sealer_tmp\"' EXIT\n"
                + "printf '%s' '" + payload + "' | base64 -d > \"$__sealer_tmp\"\n"
                + "chmod " + mode + " -- \"$__sealer_tmp\"\n"
                + "mv -f -- \"$__sealer_tmp\" \"$__sealer_target\"\n"
                + "trap - EXIT\n";
        return new RemoteFileScript(script, payload);
    }

    /** {@code text} as one word for any POSIX shell. */
    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return "RemoteFileScript[" + payload.length() + " base64 characters]";
    }
}
