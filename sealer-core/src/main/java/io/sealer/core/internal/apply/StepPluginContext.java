package io.sealer.core.internal.apply;

import io.sealer.api.PluginException;
import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.event.Subject;
import io.sealer.api.plugin.PluginContext;
import io.sealer.api.spi.ExecResult;
import io.sealer.api.spi.RemoteCommand;
import io.sealer.core.internal.plan.Facts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link PluginContext} of one hook step: commands run through the installer's sessions with the host's env,
 * each reported as a step below the hook (with its output lines, secrets hidden).
 */
final class StepPluginContext implements PluginContext {
    private static final int MAX_LINES = 10_000;

    private final PluginSpec spec;
    private final Cluster cluster;
    private final List<String> targets;
    private final ClusterPaths paths;
    private final Path imageFiles;
    private final HostSessions sessions;
    private final Facts facts;
    private final Progress progress;
    private final String stepId;
    private final Duration timeout;
    private final AtomicInteger commands = new AtomicInteger();
    private final PluginLogger logger;
    private volatile String lastHost;

    StepPluginContext(PluginSpec spec, Cluster cluster, List<String> targets, ClusterPaths paths, Path imageFiles,
            HostSessions sessions, Facts facts, Progress progress, String stepId, Duration timeout) {
        this.spec = spec;
        this.cluster = cluster;
        this.targets = List.copyOf(targets);
        this.paths = paths;
        this.imageFiles = imageFiles;
        this.sessions = sessions;
        this.facts = facts;
        this.progress = progress;
        this.stepId = stepId;
        this.timeout = timeout;
        this.logger = new PluginLogger(spec.name(), progress, this::redact);
    }

    @Override
    public PluginSpec spec() {
        return spec;
    }

    @Override
    public Cluster cluster() {
        return cluster;
    }

    @Override
    public List<String> hosts() {
        return targets;
    }

    @Override
    public String master0() {
        return cluster.master0().orElseThrow();
    }

    @Override
    public String rootfs() {
        return paths.rootfs();
    }

    @Override
    public Path imageFiles() {
        return imageFiles;
    }

    @Override
    public ExecResult exec(String host, String command) {
        return exec(host, RemoteCommand.of(command));
    }

    @Override
    public ExecResult exec(String host, RemoteCommand command) {
        requireHost(host);
        lastHost = host;
        Map<String, String> env = new LinkedHashMap<>(HostEnv.of(cluster, host));
        env.putAll(command.env());
        Set<String> secrets = new HashSet<>(command.secrets());
        secrets.addAll(facts.secrets());
        RemoteCommand full = new RemoteCommand(command.command(), env,
                Optional.of(command.timeout().orElse(timeout)), secrets);
        Progress step = progress.start(OperationKind.STEP, Subject.host(host).withStep(stepId + "/cmd-"
                + commands.incrementAndGet()), full.redact(command.command()));
        Deque<String> lines = new ArrayDeque<>();
        Progress collecting = step.alsoTo(event -> {
            if (event instanceof ProgressEvent.LogLine line) {
                synchronized (lines) {
                    lines.addLast(line.line());
                    if (lines.size() > MAX_LINES) {
                        lines.removeFirst();
                    }
                }
            }
        });
        try {
            ExecResult result = sessions.session(host).exec(full, collecting);
            List<String> output;
            synchronized (lines) {
                output = new ArrayList<>(lines);
            }
            step.finished("exit status " + result.exitStatus());
            return new ExecResult(result.exitStatus(), output);
        } catch (RuntimeException e) {
            step.failed(redact(String.valueOf(e.getMessage())));
            throw e;
        }
    }

    @Override
    public void upload(String host, Path local, String remotePath) {
        requireHost(host);
        lastHost = host;
        sessions.session(host).upload(local, remotePath);
    }

    @Override
    public void download(String host, String remotePath, Path local) {
        requireHost(host);
        lastHost = host;
        sessions.session(host).download(remotePath, local);
    }

    @Override
    public Optional<String> nodeName(String host) {
        return facts.get(Facts.hostname(host));
    }

    @Override
    public System.Logger logger() {
        return logger;
    }

    /** The host of the last command or transfer, for messages. */
    Optional<String> lastHost() {
        return Optional.ofNullable(lastHost);
    }

    String redact(String text) {
        String out = text;
        for (String secret : facts.secrets()) {
            if (!secret.isEmpty()) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }

    private void requireHost(String host) {
        if (!cluster.allIps().contains(host)) {
            throw new PluginException(spec.name(), host + " is not a host of cluster " + cluster.name()
                    + " (its hosts: " + cluster.allIps() + ")", null);
        }
    }
}
