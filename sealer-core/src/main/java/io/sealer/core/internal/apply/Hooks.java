package io.sealer.core.internal.apply;

import io.sealer.core.internal.plan.StepAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Adds hook steps for the plugin phases that have Plugin documents, on each host the phase concerns. */
final class Hooks {
    private final PlanBuilder plan;
    private final Set<String> phases;

    Hooks(PlanBuilder plan, Set<String> phases) {
        this.plan = plan;
        this.phases = phases;
    }

    /**
     * Adds the phase's hook on every host of {@code hosts}, after {@code after} (and the host's previous step).
     *
     * @return the ids of the added steps (empty when no Plugin document names the phase)
     */
    List<String> at(String phase, List<String> hosts, List<String> after) {
        List<String> ids = new ArrayList<>();
        if (!phases.contains(phase)) {
            return ids;
        }
        for (String host : hosts) {
            ids.add(plan.addAfterAll("hook", phase, host, "plugins of phase " + phase, new StepAction.Hook(phase),
                    after));
        }
        return ids;
    }
}
