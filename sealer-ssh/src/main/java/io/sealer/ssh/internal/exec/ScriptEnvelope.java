package io.sealer.ssh.internal.exec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * How a script reaches a host: the exec request carries only a fixed {@code bash} bootstrap; the script itself follows
 * on standard input between random begin and end lines (after the sudo password, if any; anything before the begin
 * line is ignored, so a password that sudo did not read is never run), and then standard input belongs to the script
 * (a tar stream, a file, or nothing). So no script, environment value or secret ever appears on a command line (in the
 * host's process list, in sshd's or MINA's logs), and a script cut short is never run.
 *
 * @param commandLine the exec request
 * @param stdinHead the bytes to send first: the sudo password line, the script and its end line
 */
public record ScriptEnvelope(String commandLine, byte[] stdinHead) {
    /** Exit status of the bootstrap when the script did not arrive whole. */
    public static final int INCOMPLETE_SCRIPT = 97;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Wraps {@code script} to run under {@code privilege}. */
    public static ScriptEnvelope of(String script, Privilege privilege) {
        String token = randomToken();
        String begin = "__sealer_begin_" + token;
        String end = "__sealer_end_" + token;
        String bootstrap = "__sealer_s=; __sealer_b=; __sealer_ok=; "
                + "while IFS= read -r __sealer_l; do "
                + "if [ -z \"$__sealer_b\" ]; then [ \"$__sealer_l\" = " + begin + " ] && __sealer_b=1; continue; fi; "
                + "if [ \"$__sealer_l\" = " + end + " ]; then __sealer_ok=1; break; fi; "
                + "__sealer_s+=\"$__sealer_l\"$'\\n'; done; "
                + "[ -n \"$__sealer_ok\" ] || { echo 'sealer: the script did not arrive whole' >&2; exit "
                + INCOMPLETE_SCRIPT + "; }; "
                + "unset __sealer_b __sealer_ok __sealer_l; eval \"$__sealer_s\"";
        String commandLine = privilege.wrap("/bin/bash -c " + ShellQuoting.single(bootstrap));
        ByteArrayOutputStream head = new ByteArrayOutputStream(script.length() + 128);
        head.writeBytes(privilege.preamble());
        head.writeBytes(("\n" + begin + "\n").getBytes(StandardCharsets.UTF_8));
        head.writeBytes(script.getBytes(StandardCharsets.UTF_8));
        if (!script.endsWith("\n")) {
            head.write('\n');
        }
        head.writeBytes((end + "\n").getBytes(StandardCharsets.UTF_8));
        return new ScriptEnvelope(commandLine, head.toByteArray());
    }

    /** A random hex token (128 bits). */
    public static String randomToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "ScriptEnvelope[" + commandLine + "]";
    }
}
