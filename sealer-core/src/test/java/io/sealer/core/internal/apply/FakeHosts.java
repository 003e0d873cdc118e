package io.sealer.core.internal.apply;

import io.sealer.api.HostUnreachableException;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.event.Subject;
import io.sealer.api.spi.ExecResult;
import io.sealer.api.spi.HostPlatform;
import io.sealer.api.spi.HostSession;
import io.sealer.api.spi.RemoteCommand;
import io.sealer.api.spi.TreeTransfer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hosts in memory: each command goes to a {@link Handler} the test sets; output lines are reported as the SSH connector
 * does (a child operation of the given progress, secrets of the command redacted); every call is recorded, and the
 * number of hosts (and calls per host) busy at once is tracked.
 */
final class FakeHosts implements HostSessions {
    /** What a host does with a command. */
    @FunctionalInterface
    interface Handler {
        Reply handle(String host, RemoteCommand command) throws Exception;
    }

    /** A command's outcome. */
    record Reply(int exit, List<String> stdout, List<String> stderr) {
        static Reply ok(String... stdout) {
            return new Reply(0, List.of(stdout), List.of());
        }

        static Reply exit(int code, String... stdout) {
            return new Reply(code, List.of(stdout), List.of());
        }
    }

    /** One call: {@code kind} is {@code exec} or {@code send}. */
    record Call(String host, String kind, String text, RemoteCommand command) {
    }

    private volatile Handler handler = (host, command) -> Reply.ok();
    final Map<String, AtomicInteger> unreachable = new ConcurrentHashMap<>();
    final AtomicInteger sessionCalls = new AtomicInteger();
    final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    /** {@code start <text>} and {@code end <text>} of every call, in the order they happened. */
    final List<String> timeline = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger activeHosts = new AtomicInteger();
    final AtomicInteger maxActiveHosts = new AtomicInteger();
    final AtomicInteger maxPerHost = new AtomicInteger();
    private final Map<String, AtomicInteger> perHost = new ConcurrentHashMap<>();

    void handler(Handler value) {
        this.handler = value;
    }

    /** The host's next {@code times} session requests fail as unreachable. */
    void unreachable(String host, int times) {
        unreachable.put(host, new AtomicInteger(times));
    }

    List<String> texts() {
        synchronized (calls) {
            return calls.stream().map(Call::text).toList();
        }
    }

    @Override
    public HostSession session(String host) {
        sessionCalls.incrementAndGet();
        AtomicInteger failures = unreachable.get(host);
        if (failures != null && failures.getAndDecrement() > 0) {
            throw new HostUnreachableException(host, "connection refused", null);
        }
        return new Session(host);
    }

    private void enter(String host, String text) {
        int now = activeHosts.incrementAndGet();
        maxActiveHosts.accumulateAndGet(now, Math::max);
        int mine = perHost.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
        maxPerHost.accumulateAndGet(mine, Math::max);
        timeline.add("start " + text);
    }

    private void leave(String host, String text) {
        timeline.add("end " + text);
        perHost.get(host).decrementAndGet();
        activeHosts.decrementAndGet();
    }

    private final class Session implements HostSession {
        private final String host;

        Session(String host) {
            this.host = host;
        }

        @Override
        public String address() {
            return host;
        }

        @Override
        public String user() {
            return "root";
        }

        @Override
        public ExecResult exec(RemoteCommand command, Progress progress) {
            calls.add(new Call(host, "exec", command.command(), command));
            Progress step = progress.start(OperationKind.STEP, Subject.host(host).withStep("command"),
                    command.redact(command.command()));
            enter(host, command.command());
            try {
                Reply reply = handler.handle(host, command);
                reply.stderr().forEach(line -> step.log(ProgressEvent.Stream.STDERR, command.redact(line)));
                reply.stdout().forEach(line -> step.log(ProgressEvent.Stream.STDOUT, command.redact(line)));
                step.finished("exit status " + reply.exit());
                List<String> all = new ArrayList<>(reply.stdout());
                return new ExecResult(reply.exit(), all.subList(Math.max(0, all.size() - 20), all.size()).stream()
                        .map(command::redact).toList());
            } catch (RuntimeException e) {
                step.failed(e.getMessage());
                throw e;
            } catch (Exception e) {
                step.failed(e.toString());
                throw new IllegalStateException(e);
            } finally {
                leave(host, command.command());
            }
        }

        @Override
        public HostPlatform platform() {
            throw new UnsupportedOperationException();
        }

        @Override
        public TreeTransfer sendTree(Path local, String remoteDir, String contentId, Progress progress) {
            String text = "send " + local + " " + remoteDir + " " + contentId;
            calls.add(new Call(host, "send", text, null));
            enter(host, text);
            try {
                handler.handle(host, RemoteCommand.of(text));
                progress.progressed(1, 1);
                return new TreeTransfer(false, 1, 1, "sha256:" + "0".repeat(64));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                leave(host, text);
            }
        }

        @Override
        public void upload(Path local, String remotePath) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void download(String remotePath, Path local) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
