package io.sealer.ssh.internal.exec;

import io.sealer.api.spi.RemoteCommand;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bash script that runs a {@link RemoteCommand}: its variables exported sealer's way ({@code export K="V"; },
 * sorted, values in escaped double quotes), {@code PATH} completed with the system directories when the command sets
 * none, and the command in a process group of its own (bash job control, on only while the job starts), whose id the
 * script announces on standard error with a per-run token so that a timeout can kill the whole group.
 */
public final class CommandScript {
    /** The directories a command's {@code PATH} gets when it sets none (appended to the host's). */
    public static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static final String GROUP_PREFIX = "__sealer_pgid_";

    private CommandScript() {
    }

    /**
     * The exports of {@code env} as sealer writes them: {@code export K="V"; } for each variable in name order, plus
     * {@code PATH} (the host's, then {@link #SYSTEM_PATH}) when {@code env} has none.
     *
     * @throws IllegalArgumentException naming a variable whose name is not a shell name
     */
    public static String exports(Map<String, String> env) {
        StringBuilder script = new StringBuilder();
        if (!env.containsKey("PATH")) {
            script.append("export PATH=\"${PATH:+$PATH:}").append(SYSTEM_PATH).append("\"; ");
        }
        env.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (!ShellQuoting.isVariableName(e.getKey())) {
                throw new IllegalArgumentException("invalid environment variable name \"" + e.getKey() + "\"");
            }
            script.append("export ").append(e.getKey()).append('=')
                    .append(ShellQuoting.doubleQuoted(e.getValue())).append("; ");
        });
        return script.toString();
    }

    /**
     * The script of {@code command}: exports and the command in a subshell that is a process group of its own, the
     * group announced on standard error as {@link #groupLine}, the script's exit status the command's.
     */
    public static String of(RemoteCommand command, String token) {
        // While job control is on, bash may report a job that already ended ("[1]+ Done ...") on its standard
        // error: that stays quiet, and the command parses (and reports syntax errors) inside the job.
        return "__sealer_cmd=" + ShellQuoting.single(exports(command.env()) + "\n" + command.command()) + "\n"
                + "exec 3>&2 2>/dev/null\n"
                + "set -m\n"
                + "{ exec 2>&3 3>&-; eval \"$__sealer_cmd\"; } &\n"
                + "__sealer_job=$!\n"
                + "set +m\n"
                + "exec 2>&3 3>&-\n"
                + "echo \"" + GROUP_PREFIX + token + "=$__sealer_job\" >&2\n"
                + "wait \"$__sealer_job\"\n";
    }

    /** The process group a line of standard error announces for run {@code token}, or -1. */
    public static long groupLine(String line, String token) {
        String prefix = GROUP_PREFIX + token + "=";
        if (!line.startsWith(prefix)) {
            return -1;
        }
        Matcher number = Pattern.compile("\\d{1,10}").matcher(line.substring(prefix.length()));
        return number.matches() ? Long.parseLong(number.group()) : -1;
    }

    /** A script that ends process group {@code group}: TERM, up to two seconds' grace, then KILL. */
    public static String killGroup(long group) {
        return "kill -TERM -- -" + group + " 2>/dev/null\n"
                + "for __sealer_i in 1 2 3 4 5 6 7 8 9 10; do\n"
                + "  kill -0 -- -" + group + " 2>/dev/null || exit 0\n"
                + "  sleep 0.2\n"
                + "done\n"
                + "kill -KILL -- -" + group + " 2>/dev/null\n"
                + "exit 0\n";
    }
}
