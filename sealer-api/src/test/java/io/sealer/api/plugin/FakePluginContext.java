package io.sealer.api.plugin;

import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.spi.ExecResult;
import io.sealer.api.spi.RemoteCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * A {@link PluginContext} in memory, for the tests of plugins here and in other modules (this module's test jar):
 * records every command, download and log line; a command gets the replies scripted for it (exact command text,
 * optionally per host) in turn, the last one again and again; any other command gets the reply given to
 * {@link #otherwise}, or exits 0 silently.
 */
public final class FakePluginContext implements PluginContext {
    /** The master0 of {@link #onMaster0}. */
    public static final String MASTER0 = "192.168.0.2";

    /** One command run on a host. */
    public record Call(String host, String command) {
        @Override
        public String toString() {
            return host + ": " + command;
        }
    }

    /** One download. */
    public record Download(String host, String remote, Path local) {
    }

    /** Every command run, in order. */
    public final List<Call> calls = new ArrayList<>();
    /** Every download, in order. */
    public final List<Download> downloads = new ArrayList<>();
    /** Every line logged, as {@code LEVEL message}. */
    public final List<String> logs = new ArrayList<>();
    /** The node names {@link #nodeName} answers, by host. */
    public final Map<String, String> nodeNames = new HashMap<>();
    private final Map<String, Deque<ExecResult>> replies = new HashMap<>();
    private final PluginSpec spec;
    private final List<String> hosts;
    private final String master0;
    private ExecResult otherwise = ok();

    public FakePluginContext(PluginSpec spec, List<String> hosts, String master0) {
        this.spec = spec;
        this.hosts = List.copyOf(hosts);
        this.master0 = master0;
    }

    /** A context whose only host is {@link #MASTER0}. */
    public static FakePluginContext onMaster0(PluginSpec spec) {
        return new FakePluginContext(spec, List.of(MASTER0), MASTER0);
    }

    /** A PostInstall plugin document. */
    public static PluginSpec spec(String name, String type, String data) {
        return new PluginSpec(name, type, List.of("PostInstall"), "", data);
    }

    public static ExecResult ok(String... lines) {
        return new ExecResult(0, List.of(lines));
    }

    public static ExecResult exit(int status, String... lines) {
        return new ExecResult(status, List.of(lines));
    }

    /** Scripts the replies to a command on any host. */
    public FakePluginContext reply(String command, ExecResult... results) {
        replies.put(command, new ArrayDeque<>(List.of(results)));
        return this;
    }

    /** Scripts the replies to a command on one host. */
    public FakePluginContext replyOn(String host, String command, ExecResult... results) {
        replies.put(host + "\0" + command, new ArrayDeque<>(List.of(results)));
        return this;
    }

    /** The reply to every command not scripted otherwise (exit 0 and no output unless set). */
    public FakePluginContext otherwise(ExecResult result) {
        this.otherwise = result;
        return this;
    }

    /** The commands run on {@code host}, in order. */
    public List<String> commandsOn(String host) {
        return calls.stream().filter(c -> c.host().equals(host)).map(Call::command).toList();
    }

    /** Every command run, as {@code host: command}. */
    public List<String> commands() {
        return calls.stream().map(Call::toString).toList();
    }

    /** The messages logged, without their levels. */
    public List<String> messages() {
        return logs.stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    }

    /** How often {@code command} ran, on any host. */
    public long count(String command) {
        return calls.stream().filter(c -> c.command().equals(command)).count();
    }

    @Override
    public PluginSpec spec() {
        return spec;
    }

    @Override
    public Cluster cluster() {
        throw new UnsupportedOperationException("the built-in plugins do not need the cluster");
    }

    @Override
    public List<String> hosts() {
        return hosts;
    }

    @Override
    public String master0() {
        return master0;
    }

    @Override
    public String rootfs() {
        return "/var/lib/sealer/data/my-cluster/rootfs";
    }

    @Override
    public Path imageFiles() {
        return Path.of("/nonexistent");
    }

    @Override
    public ExecResult exec(String host, String command) {
        calls.add(new Call(host, command));
        Deque<ExecResult> queue = replies.getOrDefault(host + "\0" + command, replies.get(command));
        if (queue == null) {
            return otherwise;
        }
        return queue.size() > 1 ? queue.removeFirst() : queue.getFirst();
    }

    @Override
    public ExecResult exec(String host, RemoteCommand command) {
        return exec(host, command.command());
    }

    @Override
    public void upload(String host, Path local, String remotePath) {
        throw new UnsupportedOperationException("upload");
    }

    @Override
    public void download(String host, String remotePath, Path local) {
        downloads.add(new Download(host, remotePath, local));
        try {
            Files.writeString(local, "snapshot of " + remotePath);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Optional<String> nodeName(String host) {
        return Optional.ofNullable(nodeNames.get(host));
    }

    @Override
    public System.Logger logger() {
        return new System.Logger() {
            @Override
            public String getName() {
                return "fake";
            }

            @Override
            public boolean isLoggable(Level level) {
                return true;
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
                logs.add(level + " " + msg);
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String format, Object... params) {
                logs.add(level + " " + (params == null || params.length == 0 ? format
                        : MessageFormat.format(format, params)));
            }
        };
    }
}
