package io.sealer.core.internal.apply;

import io.sealer.api.event.Progress;
import io.sealer.api.spi.HostSession;
import io.sealer.core.internal.plan.Step;
import io.sealer.core.internal.plan.StepAction;

/** Runs the plugins of a {@link StepAction.Hook} step on its host. */
public interface PhaseHooks {
    /** Hooks that do nothing (no plugins). */
    PhaseHooks NONE = (step, hook, session, progress) -> { };

    /**
     * Runs the plugins of {@code hook}'s phase that target {@code step}'s host.
     *
     * @throws io.sealer.api.PluginException naming the plugin, phase and host when one fails
     */
    void run(Step step, StepAction.Hook hook, HostSession session, Progress progress);
}
