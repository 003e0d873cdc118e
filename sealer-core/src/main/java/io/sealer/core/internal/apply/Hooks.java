package io.sealer.core.internal.apply;

import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.plugin.Phase;
import io.sealer.core.internal.plan.StepAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Adds the plugin hooks of a phase: one step per Plugin document whose {@code action} names the phase (in either
 * vocabulary), run from master0's step slot, after the phase's hosts are done with what came before; every step
 * added later waits for them.
 */
final class Hooks {
    private final PlanBuilder plan;
    private final List<PluginSpec> plugins;
    private final Cluster cluster;

    Hooks(PlanBuilder plan, List<PluginSpec> plugins, Cluster cluster) {
        this.plan = plan;
        this.plugins = plugins;
        this.cluster = cluster;
    }

    /**
     * Adds the phase's hooks.
     *
     * @param phase the phase's name in plans ({@code pre-init-host}, {@code PostInstall})
     * @param phaseHosts the hosts of the phase (for cluster-wide phases: master0)
     * @param after steps the hooks wait for besides the phase hosts' last steps
     * @return the ids of the added steps (empty when no Plugin document names the phase)
     */
    List<String> at(String phase, List<String> phaseHosts, List<String> after) {
        Phase wanted = Phase.parse(phase).orElseThrow(() -> new IllegalArgumentException("unknown phase " + phase));
        List<String> ids = new ArrayList<>();
        String master0 = cluster.master0().orElseThrow();
        for (PluginSpec spec : plugins) {
            boolean fires = spec.actions().stream().map(Phase::parse).flatMap(Optional::stream)
                    .anyMatch(wanted::equals);
            if (!fires) {
                continue;
            }
            List<String> deps = new ArrayList<>(after);
            phaseHosts.stream().map(plan::last).filter(Objects::nonNull).forEach(deps::add);
            ids.add(plan.addAfterAll("hook", phase + "/" + spec.name(), master0, "plugin " + spec.name() + " ("
                    + spec.type() + ") in phase " + phase, new StepAction.Hook(phase, spec.name(), spec.type(),
                    PluginTargets.select(spec, wanted, phaseHosts, cluster)), deps));
        }
        if (!ids.isEmpty()) {
            plan.barrier(ids);
        }
        return ids;
    }
}
