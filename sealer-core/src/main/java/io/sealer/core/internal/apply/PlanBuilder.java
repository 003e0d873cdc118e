package io.sealer.core.internal.apply;

import io.sealer.core.internal.plan.InstallPlan;
import io.sealer.core.internal.plan.Step;
import io.sealer.core.internal.plan.StepAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Collects the steps of a plan. Each step depends on the previous step of its host (a host's steps run in plan
 * order) plus the cross-host dependencies given; {@code null} dependencies are ignored.
 */
final class PlanBuilder {
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, String> lastOfHost = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private List<String> barrier = List.of();

    /** Adds a step on {@code host} and returns its id. */
    String add(String phase, String name, String host, String title, StepAction action, String... after) {
        String id = Step.id(phase, name, host);
        Set<String> deps = new LinkedHashSet<>();
        String previous = lastOfHost.get(host);
        if (previous != null) {
            deps.add(previous);
        }
        Arrays.stream(after).filter(Objects::nonNull).forEach(deps::add);
        deps.addAll(barrier);
        deps.remove(id);
        steps.add(new Step(id, phase, host, title, action, List.copyOf(deps)));
        lastOfHost.put(host, id);
        return id;
    }

    /** Adds a step on {@code host} after every step in {@code after}. */
    String addAfterAll(String phase, String name, String host, String title, StepAction action, List<String> after) {
        return add(phase, name, host, title, action, after.toArray(String[]::new));
    }

    /**
     * Makes every step added from now on wait for {@code ids} (the plugin hooks of a phase: later steps on any
     * host come after them).
     */
    void barrier(List<String> ids) {
        barrier = List.copyOf(ids);
    }

    /** The last step added on the host so far, or {@code null}. */
    String last(String host) {
        return lastOfHost.get(host);
    }

    /** Records an assumption. */
    void note(String text) {
        notes.add(text);
    }

    /** The plan. */
    InstallPlan build(String cluster, String image, String kind) {
        return new InstallPlan(cluster, image, kind, steps, notes);
    }

    /** Whether no step was added. */
    boolean isEmpty() {
        return steps.isEmpty();
    }
}
