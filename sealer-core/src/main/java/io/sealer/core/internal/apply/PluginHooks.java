package io.sealer.core.internal.apply;

import io.sealer.api.PluginException;
import io.sealer.api.SealerException;
import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.event.Progress;
import io.sealer.api.plugin.Phase;
import io.sealer.api.plugin.Plugin;
import io.sealer.core.internal.plan.Facts;
import io.sealer.core.internal.plan.Step;
import io.sealer.core.internal.plan.StepAction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs hook steps: the plugin of the step's Plugin document, with a {@link StepPluginContext}, bounded by the step
 * timeout. A plugin that throws, or does not finish in time, fails its step with the plugin's name, type, phase and
 * the host it was working on.
 */
final class PluginHooks implements PhaseHooks {
    private final PluginTypes types;
    private final List<PluginSpec> documents;
    private final Cluster cluster;
    private final ClusterPaths paths;
    private final Path imageFiles;
    private final HostSessions sessions;
    private final Duration timeout;

    PluginHooks(PluginTypes types, List<PluginSpec> documents, Cluster cluster, Path imageFiles,
            HostSessions sessions, Duration timeout) {
        this.types = types;
        this.documents = List.copyOf(documents);
        this.cluster = cluster;
        this.paths = ClusterPaths.of(cluster);
        this.imageFiles = imageFiles;
        this.sessions = sessions;
        this.timeout = timeout;
    }

    @Override
    public void run(Step step, StepAction.Hook hook, Facts facts, Progress progress) {
        PluginSpec spec = documents.stream().filter(d -> d.name().equals(hook.plugin())).findFirst()
                .orElseThrow(() -> new PluginException(hook.plugin(), "no Plugin document named " + hook.plugin(),
                        null));
        Plugin plugin = types.require(spec.type(), spec.name());
        Phase phase = Phase.parse(hook.phase()).orElseThrow();
        StepPluginContext context = new StepPluginContext(spec, cluster, hook.targets(), paths, imageFiles,
                sessions, facts, progress, step.id(), timeout);
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "plugin-" + spec.name());
            t.setDaemon(true);
            return t;
        });
        String what = "plugin " + spec.name() + " (type " + spec.type() + ") in phase " + hook.phase();
        try {
            Future<?> running = thread.submit(() -> {
                plugin.run(context, phase);
                return null;
            });
            running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PluginException(spec.name(), what + " did not finish within " + timeout.toSeconds() + " s"
                    + on(context), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException(spec.name(), what + " was interrupted" + on(context), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PluginException plugins) {
                throw plugins;
            }
            String message = cause instanceof SealerException sealer ? sealer.getMessage()
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            throw new PluginException(spec.name(), what + " failed" + on(context) + ": "
                    + context.redact(message), cause);
        } finally {
            thread.shutdownNow();
        }
    }

    private static String on(StepPluginContext context) {
        return context.lastHost().map(h -> " on " + h).orElse("");
    }
}
