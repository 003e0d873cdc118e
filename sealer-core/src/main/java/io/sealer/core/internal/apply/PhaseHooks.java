package io.sealer.core.internal.apply;

import io.sealer.api.event.Progress;
import io.sealer.core.internal.plan.Facts;
import io.sealer.core.internal.plan.Step;
import io.sealer.core.internal.plan.StepAction;

/** Runs the plugin of a {@link StepAction.Hook} step. */
public interface PhaseHooks {
    /** Hooks that do nothing (no plugins). */
    PhaseHooks NONE = (step, hook, facts, progress) -> { };

    /**
     * Runs the plugin of {@code hook} on its targets.
     *
     * @param facts what the run knows so far (node names)
     * @throws io.sealer.api.PluginException naming the plugin, phase and host when it fails
     */
    void run(Step step, StepAction.Hook hook, Facts facts, Progress progress);
}
