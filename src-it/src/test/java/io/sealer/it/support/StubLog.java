package io.sealer.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the stubs of {@link StubClusterImage} recorded on a host, read from the host's own {@value StubClusterImage#LOG}
 * (no SSH). Each stub writes a start line when it begins and an end line with its exit status when it exits (none
 * when it was killed), with {@code date +%s%N}: the hosts share this machine's clock, so calls on different hosts can
 * be ordered by time.
 */
public final class StubLog {
    private StubLog() {
    }

    /**
     * One call of a stub.
     *
     * @param host the host's address
     * @param pid the stub's process id
     * @param started when it began, nanoseconds since the epoch
     * @param ended when it exited, or empty when it did not (killed, or still running)
     * @param exitStatus its exit status, or empty with {@code ended}
     * @param uid the user it ran as
     * @param cwd its working directory
     * @param hostIp its {@code HostIP} environment variable, empty when unset
     * @param command the tool and its arguments, as {@code kubeadm join --config=...}
     */
    public record Call(String host, long pid, long started, Optional<Long> ended, Optional<Integer> exitStatus,
            int uid, String cwd, String hostIp, String command) {
        public Call {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(ended, "ended");
            Objects.requireNonNull(exitStatus, "exitStatus");
            Objects.requireNonNull(cwd, "cwd");
            Objects.requireNonNull(hostIp, "hostIp");
            Objects.requireNonNull(command, "command");
        }

        /** The tool: {@code kubeadm}, {@code init.sh}, ... */
        public String tool() {
            int space = command.indexOf(' ');
            return space < 0 ? command : command.substring(0, space);
        }

        /** Whether the command starts with {@code prefix}. */
        public boolean is(String prefix) {
            return command.startsWith(prefix);
        }

        /** When it exited; fails for a call that did not. */
        public long endedOrFail() {
            return ended.orElseThrow(() -> new AssertionError("the call '" + command + "' on " + host
                    + " has no end in the log (killed?)"));
        }

        /** Whether it exited with 0. */
        public boolean succeeded() {
            return exitStatus.filter(s -> s == 0).isPresent();
        }

        @Override
        public String toString() {
            return host + ": " + command + " [" + exitStatus.map(s -> "exit " + s).orElse("no exit") + "]";
        }
    }

    /** The calls on {@code host}, in the order they began; empty when nothing ran there. */
    public static List<Call> calls(TestHost host) {
        Path file = host.path(StubClusterImage.LOG);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(host.address(), lines);
    }

    /** The commands run on {@code host} (tool and arguments), in the order they began. */
    public static List<String> commands(TestHost host) {
        return calls(host).stream().map(Call::command).toList();
    }

    /** The calls on {@code host} whose command starts with {@code prefix}. */
    public static List<Call> calls(TestHost host, String prefix) {
        return calls(host).stream().filter(c -> c.is(prefix)).toList();
    }

    /** The one call on {@code host} whose command starts with {@code prefix}; fails unless there is exactly one. */
    public static Call only(TestHost host, String prefix) {
        List<Call> found = calls(host, prefix);
        if (found.size() != 1) {
            throw new AssertionError("expected one '" + prefix + "' on " + host + ", found " + found.size() + ": "
                    + commands(host));
        }
        return found.get(0);
    }

    /** Parses log lines of one host. */
    static List<Call> parse(String host, List<String> lines) {
        List<Builder> started = new ArrayList<>();
        Map<Long, Builder> open = new HashMap<>();
        for (String line : lines) {
            String[] fields = line.split("\t", 7);
            if (fields.length < 7) {
                continue; // a line being written
            }
            long pid = Long.parseLong(fields[1]);
            long time = Long.parseLong(fields[2]);
            if (fields[0].equals("S")) {
                Builder call = new Builder(pid, time, Integer.parseInt(fields[3]), fields[4], fields[5],
                        fields[6].stripTrailing());
                started.add(call);
                open.put(pid, call);
            } else if (fields[0].equals("E")) {
                Builder call = open.remove(pid);
                if (call != null) {
                    call.ended = time;
                    call.exitStatus = Integer.parseInt(fields[6].trim());
                }
            }
        }
        return started.stream().map(b -> new Call(host, b.pid, b.started, Optional.ofNullable(b.ended),
                Optional.ofNullable(b.exitStatus), b.uid, b.cwd, b.hostIp, b.command)).toList();
    }

    private static final class Builder {
        final long pid;
        final long started;
        final int uid;
        final String cwd;
        final String hostIp;
        final String command;
        Long ended;
        Integer exitStatus;

        Builder(long pid, long started, int uid, String cwd, String hostIp, String command) {
            this.pid = pid;
            this.started = started;
            this.uid = uid;
            this.cwd = cwd;
            this.hostIp = hostIp;
            this.command = command;
        }
    }
}
