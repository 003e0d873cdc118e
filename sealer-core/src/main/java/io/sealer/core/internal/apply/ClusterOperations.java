package io.sealer.core.internal.apply;

import io.sealer.api.ClusterNotFoundException;
import io.sealer.api.ClusterfileException;
import io.sealer.api.HostException;
import io.sealer.api.SealerException;
import io.sealer.api.cluster.ApplyOptions;
import io.sealer.api.cluster.ApplyResult;
import io.sealer.api.cluster.CheckResult;
import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.ClusterPlan;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.Host;
import io.sealer.api.cluster.HostExecResult;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.event.Subject;
import io.sealer.api.image.Platform;
import io.sealer.api.spi.ExecResult;
import io.sealer.api.spi.HostConnector;
import io.sealer.api.spi.RemoteCommand;
import io.sealer.core.internal.apply.state.ClusterStore;
import io.sealer.core.internal.apply.state.ClusterfileWriter;
import io.sealer.core.internal.apply.state.Journal;
import io.sealer.core.internal.check.CheckReport;
import io.sealer.core.internal.check.ClusterChecker;
import io.sealer.core.internal.client.Adapters;
import io.sealer.core.internal.client.ClientRuntime;
import io.sealer.core.internal.plugin.PluginRegistry;
import io.sealer.core.internal.plugin.builtin.BuiltinPlugins;
import io.sealer.core.internal.clusterfile.ClusterfileParser;
import io.sealer.core.internal.plan.InstallPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** What {@link io.sealer.core.ClusterService} does, behind its public face. */
public final class ClusterOperations {
    private final ClientRuntime runtime;
    private final ClusterfileParser parser = new ClusterfileParser();
    private final ClusterStore clusters;
    private final ClusterPreparation preparation;

    public ClusterOperations(ClientRuntime runtime) {
        this.runtime = runtime;
        this.clusters = new ClusterStore(runtime.storeRoot());
        this.preparation = new ClusterPreparation(runtime, clusters);
    }

    public ApplyResult apply(Clusterfile clusterfile, ApplyOptions options) {
        ClusterPaths.of(clusterfile.cluster());
        Optional<SavedState> saved = savedState(clusterfile.cluster().name());
        Clusterfile target = preparation.effective(clusterfile, saved);
        return execute(target, saved, options, false);
    }

    public ClusterPlan plan(Clusterfile clusterfile) {
        ClusterPaths.of(clusterfile.cluster());
        Optional<SavedState> saved = savedState(clusterfile.cluster().name());
        return dryRun(preparation.effective(clusterfile, saved), saved);
    }

    /** The plan of making the cluster {@code target}, its plugins' types checked, without connecting to anything. */
    private ClusterPlan dryRun(Clusterfile target, Optional<SavedState> saved) {
        ClusterPreparation.Prepared prepared = preparation.prepare(target, saved, Optional.empty());
        try (PluginTypes types = pluginTypes(prepared.imageFiles())) {
            requirePlugins(prepared.plan(), types);
        }
        return prepared.plan().view();
    }

    public ApplyResult join(String cluster, List<String> masters, List<String> nodes, ApplyOptions options) {
        SavedState saved = requireSaved(cluster);
        return execute(withAdded(saved.clusterfile(), masters, nodes), Optional.of(saved), options, false);
    }

    public ClusterPlan planJoin(String cluster, List<String> masters, List<String> nodes) {
        SavedState saved = requireSaved(cluster);
        return dryRun(withAdded(saved.clusterfile(), masters, nodes), Optional.of(saved));
    }

    public ApplyResult remove(String cluster, List<String> hosts, ApplyOptions options) {
        SavedState saved = requireSaved(cluster);
        return execute(withRemoved(saved.clusterfile(), hosts), Optional.of(saved), options, false);
    }

    public ClusterPlan planRemove(String cluster, List<String> hosts) {
        SavedState saved = requireSaved(cluster);
        return dryRun(withRemoved(saved.clusterfile(), hosts), Optional.of(saved));
    }

    public ApplyResult delete(String cluster, ApplyOptions options) {
        SavedState saved = requireSaved(cluster);
        return execute(saved.clusterfile(), Optional.of(saved), options, true);
    }

    public ClusterPlan planDelete(String cluster) {
        SavedState saved = requireSaved(cluster);
        return DeletePlanner.plan(saved.clusterfile().cluster(), PluginDocuments.of(saved.clusterfile(), List.of()))
                .view();
    }

    public List<HostExecResult> exec(String cluster, String command, Optional<String> role, ApplyOptions options) {
        Cluster saved = requireSaved(cluster).clusterfile().cluster();
        List<String> hosts = role.map(saved::ipsWithRole).orElse(saved.allIps());
        if (hosts.isEmpty()) {
            throw new ClusterfileException(cluster, 0, "roles", "no host of cluster " + cluster + " has the role '"
                    + role.orElse("") + "'");
        }
        Progress progress = runtime.progress(options.listener());
        HostConnector connector = runtime.adapters().requireHostConnector("exec");
        try (ConnectorSessions sessions = new ConnectorSessions(connector, saved)) {
            return Parallel.map(hosts, options.parallelism(), host -> execOn(sessions, host, command, options,
                    progress));
        }
    }

    public CheckResult check(String cluster, boolean hosts, boolean clusterState, ApplyOptions options) {
        Cluster saved = requireSaved(cluster).clusterfile().cluster();
        Progress progress = runtime.progress(options.listener());
        HostConnector connector = runtime.adapters().requireHostConnector("check");
        try (ConnectorSessions sessions = new ConnectorSessions(connector, saved)) {
            ClusterChecker checker = new ClusterChecker((host, command) -> {
                HostExecResult result = execOn(sessions, host, command, options, progress);
                if (result.error().isPresent()) {
                    throw new HostException(host, result.error().get(), null);
                }
                return new io.sealer.api.spi.ExecResult(result.exitStatus(), result.output());
            }, saved.allIps(), saved.master0().orElseThrow());
            CheckReport report = hosts && clusterState ? checker.checkAll()
                    : hosts ? checker.checkHosts() : checker.checkCluster();
            return new CheckResult(report.passed(), report.format());
        }
    }

    public Optional<Clusterfile> saved(String cluster) {
        return savedState(cluster).map(SavedState::clusterfile);
    }

    public List<String> list() {
        return clusters.list();
    }

    private ApplyResult execute(Clusterfile target, Optional<SavedState> saved, ApplyOptions options,
            boolean delete) {
        Cluster cluster = target.cluster();
        Progress progress = runtime.progress(io.sealer.api.event.ProgressListener.NONE);
        HostConnector connector = runtime.adapters().requireHostConnector(delete ? "delete" : "apply");
        try (ConnectorSessions sessions = new ConnectorSessions(connector, cluster)) {
            List<String> hosts = new ArrayList<>(new LinkedHashSet<>(cluster.allIps()));
            saved.ifPresent(s -> s.clusterfile().cluster().allIps().stream().filter(ip -> !hosts.contains(ip))
                    .forEach(hosts::add));
            Map<String, Platform> platforms = preflight(sessions, hosts, options,
                    progress.alsoTo(options.listener()));
            ClusterPreparation.Prepared prepared = delete
                    ? new ClusterPreparation.Prepared(DeletePlanner.plan(cluster, PluginDocuments.of(target,
                            List.of())), PluginDocuments.of(target, List.of()),
                            clusters.clusterDir(cluster.name()).resolve("views"))
                    : preparation.prepare(target, saved, Optional.of(platforms));
            InstallPlan plan = prepared.plan();
            try (PluginTypes pluginTypes = pluginTypes(prepared.imageFiles())) {
                requirePlugins(plan, pluginTypes);
                return run(plan, prepared, target, saved, sessions, pluginTypes, options, progress, delete);
            }
        }
    }

    private ApplyResult run(InstallPlan plan, ClusterPreparation.Prepared prepared, Clusterfile target,
            Optional<SavedState> saved, ConnectorSessions sessions, PluginTypes pluginTypes, ApplyOptions options,
            Progress progress, boolean delete) {
        Cluster cluster = target.cluster();
        if (plan.steps().isEmpty()) {
            return new ApplyResult(plan.view(), List.of(), Duration.ZERO);
        }
        try (Journal journal = Journal.open(clusters.clusterDir(cluster.name()), plan.fingerprint())) {
            PhaseHooks hooks = new PluginHooks(pluginTypes, prepared.plugins(), cluster, prepared.imageFiles(),
                    sessions, options.stepTimeout());
            ApplyResult result = new PlanExecutor(sessions, hooks, options, progress, journal).execute(plan);
            if (delete) {
                journal.complete();
                clusters.remove(cluster.name());
            } else if (plan.kind().equals(ClusterPlan.APP)) {
                journal.complete(); // the cluster stays what it was: its image, hosts and Clusterfile
            } else {
                clusters.save(cluster.name(), new ClusterfileWriter().write(target),
                        hostnames(cluster, saved, journal));
                journal.complete();
            }
            return result;
        }
    }

    /** The node names of the cluster's hosts: those saved before, updated with what this run learned. */
    private static Map<String, String> hostnames(Cluster cluster, Optional<SavedState> saved, Journal journal) {
        Map<String, String> names = new LinkedHashMap<>(saved.map(SavedState::hostnames).orElse(Map.of()));
        journal.facts().values().forEach((k, v) -> {
            if (k.startsWith("hostname:")) {
                names.put(k.substring("hostname:".length()), v);
            }
        });
        names.keySet().retainAll(cluster.allIps());
        return names;
    }

    /** Fails, before anything runs, when a hook step's Plugin document has a type no plugin implements. */
    private static void requirePlugins(InstallPlan plan, PluginTypes types) {
        for (var step : plan.steps()) {
            if (step.action() instanceof io.sealer.core.internal.plan.StepAction.Hook hook) {
                types.require(hook.type(), hook.plugin());
            }
        }
    }

    private PluginTypes pluginTypes(Path imageFiles) {
        Adapters adapters = runtime.adapters();
        PluginRegistry registry = PluginRegistry.forImage(BuiltinPlugins.all(), adapters.givenPlugins(),
                adapters.classPathPlugins(), imageFiles);
        return new PluginTypes() {
            @Override
            public io.sealer.api.plugin.Plugin require(String type, String document) {
                return registry.require(type, document);
            }

            @Override
            public void close() {
                registry.close();
            }
        };
    }

    /** Logs in to every host in parallel (host keys checked before anything runs) and reads its platform. */
    private Map<String, Platform> preflight(ConnectorSessions sessions, List<String> hosts, ApplyOptions options,
            Progress progress) {
        Progress step = progress.start(OperationKind.STEP, Subject.step("preflight"), "logging in to "
                + hosts.size() + " hosts");
        Map<String, Object> outcomes = Collections.synchronizedMap(new LinkedHashMap<>());
        Parallel.map(hosts, options.parallelism(), host -> {
            try {
                outcomes.put(host, sessions.session(host).platform().platform());
            } catch (HostException e) {
                outcomes.put(host, e);
            }
            return null;
        });
        Map<String, Platform> platforms = new LinkedHashMap<>();
        List<HostException> failures = new ArrayList<>();
        for (String host : hosts) {
            Object outcome = outcomes.get(host);
            if (outcome instanceof Platform platform) {
                platforms.put(host, platform);
            } else {
                failures.add((HostException) outcome);
            }
        }
        if (!failures.isEmpty()) {
            StringBuilder problem = new StringBuilder("cannot log in to ").append(failures.size())
                    .append(failures.size() == 1 ? " host" : " hosts").append("; nothing was changed");
            failures.forEach(f -> problem.append("\n  ").append(f.getMessage()));
            step.failed(problem.toString());
            HostException first = failures.get(0);
            throw new HostException(first.source().orElse(hosts.get(0)), problem.toString(), first);
        }
        step.finished(hosts.size() + " hosts: " + new LinkedHashSet<>(platforms.values()));
        return platforms;
    }

    private HostExecResult execOn(ConnectorSessions sessions, String host, String command, ApplyOptions options,
            Progress progress) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Progress hostProgress = progress.alsoTo(event -> {
            if (event instanceof ProgressEvent.LogLine line && line.operation().subject().host()
                    .filter(host::equals).isPresent()) {
                lines.add(line.line());
            }
        });
        try {
            ExecResult result = sessions.session(host).exec(RemoteCommand.of(command)
                    .withTimeout(options.stepTimeout()), hostProgress);
            return new HostExecResult(host, result.exitStatus(), List.copyOf(lines), Optional.empty());
        } catch (SealerException e) {
            return new HostExecResult(host, -1, List.copyOf(lines), Optional.of(e.getMessage()));
        }
    }

    private Optional<SavedState> savedState(String name) {
        return clusters.load(name).map(s -> new SavedState(parser.parse(clusters.clusterDir(name)
                .resolve("Clusterfile").toString(), s.clusterfileYaml()), s.hostnames()));
    }

    private SavedState requireSaved(String name) {
        ClusterPaths.of(new Cluster(name, "", "", null, Map.of(), List.of(), List.of(), List.of(), List.of(), "",
                null, List.of(), null));
        return savedState(name).orElseThrow(() -> new ClusterNotFoundException(name,
                clusters.clusterDir(name).toString()));
    }

    private static Clusterfile withAdded(Clusterfile saved, List<String> masters, List<String> nodes) {
        Cluster cluster = saved.cluster();
        List<Host> hosts = new ArrayList<>(cluster.hosts());
        List<String> known = cluster.allIps();
        for (String ip : masters) {
            if (known.contains(ip)) {
                throw new ClusterfileException("join", 0, "masters", ip + " is already a host of " + cluster.name());
            }
        }
        for (String ip : nodes) {
            if (known.contains(ip) || masters.contains(ip)) {
                throw new ClusterfileException("join", 0, "nodes", ip + " is already a host of " + cluster.name());
            }
        }
        if (!masters.isEmpty()) {
            hosts.add(new Host(masters, List.of(Host.ROLE_MASTER), null, Map.of(), Map.of(), List.of()));
        }
        if (!nodes.isEmpty()) {
            hosts.add(new Host(nodes, List.of(Host.ROLE_NODE), null, Map.of(), Map.of(), List.of()));
        }
        return ClusterCopies.withHosts(saved, hosts);
    }

    private static Clusterfile withRemoved(Clusterfile saved, List<String> removed) {
        Cluster cluster = saved.cluster();
        for (String ip : removed) {
            if (!cluster.allIps().contains(ip)) {
                throw new ClusterfileException("delete", 0, "hosts", ip + " is not a host of " + cluster.name()
                        + " (its hosts: " + cluster.allIps() + ")");
            }
        }
        if (cluster.master0().filter(removed::contains).isPresent()) {
            throw new ClusterfileException("delete", 0, "masters", "cannot remove master0 ("
                    + cluster.master0().get() + "): it holds the cluster's state and its registry; delete the whole"
                    + " cluster instead");
        }
        List<Host> hosts = new ArrayList<>();
        for (Host host : cluster.hosts()) {
            List<String> ips = host.ips().stream().filter(ip -> !removed.contains(ip)).toList();
            if (!ips.isEmpty()) {
                hosts.add(new Host(ips, host.roles(), host.ssh(), host.env(), host.labels(), host.taints()));
            }
        }
        return ClusterCopies.withHosts(saved, hosts);
    }

    /** A saved cluster: the Clusterfile last applied and the node names of its hosts. */
    record SavedState(Clusterfile clusterfile, Map<String, String> hostnames) {
    }

    /** Runs a task per item on a bounded pool, in parallel, and gives the results in item order. */
    static final class Parallel {
        private Parallel() {
        }

        static <T> List<T> map(List<String> items, int parallelism, java.util.function.Function<String, T> task) {
            if (items.isEmpty()) {
                return List.of();
            }
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, items.size()));
            try {
                List<Future<T>> futures = new ArrayList<>();
                for (String item : items) {
                    futures.add(pool.submit(() -> task.apply(item)));
                }
                List<T> results = new ArrayList<>();
                for (Future<T> future : futures) {
                    results.add(future.get());
                }
                return results;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SealerException("interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new SealerException(e.getCause().getMessage(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
    }

}
