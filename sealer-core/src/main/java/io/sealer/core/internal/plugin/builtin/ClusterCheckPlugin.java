package io.sealer.core.internal.plugin.builtin;

import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.plugin.Phase;
import io.sealer.api.plugin.Plugin;
import io.sealer.api.plugin.PluginContext;
import io.sealer.api.spi.ExecResult;
import io.sealer.core.internal.kubectl.NodeRow;
import io.sealer.core.internal.kubectl.PodRow;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code CLUSTERCHECK}: waits until the cluster is ready (sealer's phase: {@code PreGuest}), polling through
 * {@code kubectl} on master0: every node {@code Ready}, and {@code kube-system} with at least one pod and each of its
 * pods {@code Running} with all containers ready or {@code Completed}. Sealer looked at the first container of
 * kube-system pods only and ignored nodes. {@code data} may set {@code timeout} (default {@code 15m}) and
 * {@code interval} (default {@code 30s}) as {@code key: value} lines. When the timeout passes, the error names the
 * nodes and pods that are not ready. In a phase without a cluster the plugin is skipped with a warning.
 */
public final class ClusterCheckPlugin implements Plugin {
    /** The type name. */
    public static final String TYPE = "CLUSTERCHECK";
    /** How long to wait when {@code data} does not say. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
    /** How often to look when {@code data} does not say. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    private static final int QUOTED_ITEMS = 20;

    private final Clock clock;
    private final Sleeper sleeper;

    /** Waits in real time. */
    public ClusterCheckPlugin() {
        this(Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /** Waits with the given clock and sleeper (tests move a fake clock instead of waiting). */
    public ClusterCheckPlugin(Clock clock, Sleeper sleeper) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * What {@code data} sets.
     *
     * @param timeout how long to wait for the cluster
     * @param interval the time between two polls
     */
    record Settings(Duration timeout, Duration interval) {
        static Settings parse(PluginSpec spec) {
            Map<String, KeyValueData.Entry> entries = KeyValueData.parse(spec, Set.of("timeout", "interval"));
            return new Settings(duration(spec, entries.get("timeout"), DEFAULT_TIMEOUT),
                    duration(spec, entries.get("interval"), DEFAULT_INTERVAL));
        }

        private static Duration duration(PluginSpec spec, KeyValueData.Entry entry, Duration fallback) {
            if (entry == null) {
                return fallback;
            }
            return DurationText.parse(entry.value()).filter(d -> !d.isZero()).orElseThrow(() -> PluginFailures
                    .badLine(spec, entry.line(), "expected a positive duration such as 30s, 15m or 1h30m"));
        }
    }

    /**
     * What one poll saw.
     *
     * @param notReady the nodes and pods not ready, described; empty when the cluster is ready
     * @param failure why kubectl could not tell, when it could not
     */
    record Readiness(List<String> notReady, Optional<String> failure) {
        boolean ready() {
            return notReady.isEmpty() && failure.isEmpty();
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(PluginContext context, Phase phase) {
        PluginSpec spec = context.spec();
        Settings settings = Settings.parse(spec);
        if (Phases.skipWithoutCluster(context, phase, "checking the cluster")) {
            return;
        }
        Instant deadline = clock.instant().plus(settings.timeout());
        int polls = 0;
        Readiness seen = null;
        while (true) {
            polls++;
            Readiness readiness = poll(context);
            if (readiness.ready()) {
                context.logger().log(Level.INFO, "plugin " + spec.name() + ": the cluster is ready");
                return;
            }
            if (readiness.failure().isEmpty()) {
                seen = readiness;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                String before = readiness.failure().isPresent() && seen != null ? "; the poll before: "
                        + describe(seen) : "";
                throw PluginFailures.failed(spec, "the cluster is not ready after "
                        + DurationText.format(settings.timeout()) + " (" + polls + " polls, every "
                        + DurationText.format(settings.interval()) + "): " + describe(readiness) + before, null);
            }
            context.logger().log(Level.INFO, "plugin " + spec.name() + ": waiting for the cluster to be ready: "
                    + describe(readiness));
            pause(spec, settings.interval().compareTo(left) < 0 ? settings.interval() : left);
        }
    }

    private void pause(PluginSpec spec, Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PluginFailures.failed(spec, "interrupted while waiting for the cluster to be ready", e);
        }
    }

    /** Looks at the nodes and the kube-system pods once. */
    static Readiness poll(PluginContext context) {
        String master0 = context.master0();
        List<String> notReady = new ArrayList<>();
        ExecResult nodes = context.exec(master0, NodeRow.COMMAND);
        if (!nodes.succeeded()) {
            return failure(master0, "kubectl get nodes", nodes);
        }
        ExecResult pods = context.exec(master0, PodRow.command("kube-system"));
        if (!pods.succeeded()) {
            return failure(master0, "kubectl get pods -n kube-system", pods);
        }
        try {
            List<NodeRow> nodeRows = NodeRow.parse(nodes.lastLines());
            if (nodeRows.isEmpty()) {
                notReady.add("no node is registered yet");
            }
            nodeRows.stream().filter(n -> !n.ready()).forEach(n -> notReady.add("node " + n.name() + " ("
                    + n.status() + ")"));
            List<PodRow> podRows = PodRow.parse(pods.lastLines(), "kube-system");
            if (podRows.isEmpty()) {
                notReady.add("kube-system has no pod yet");
            }
            podRows.stream().filter(p -> !p.healthy()).forEach(p -> notReady.add("pod " + p.describe()));
        } catch (IllegalArgumentException e) {
            return new Readiness(List.of(), Optional.of(e.getMessage()));
        }
        return new Readiness(notReady, Optional.empty());
    }

    private static Readiness failure(String master0, String what, ExecResult result) {
        List<String> lines = result.lastLines();
        String last = lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
        return new Readiness(List.of(), Optional.of(what + " on " + master0 + " failed with exit status "
                + result.exitStatus() + ": " + last));
    }

    private static String describe(Readiness readiness) {
        if (readiness.failure().isPresent()) {
            return readiness.failure().get();
        }
        List<String> items = readiness.notReady();
        String shown = String.join(", ", items.subList(0, Math.min(items.size(), QUOTED_ITEMS)));
        return "not ready: " + shown + (items.size() > QUOTED_ITEMS ? " and " + (items.size() - QUOTED_ITEMS)
                + " more" : "");
    }
}
