package io.sealer.core.internal.plan;

import java.util.List;
import java.util.Objects;

/**
 * One step of an {@link InstallPlan}: an action on one host, after the steps it depends on.
 *
 * @param id unique in the plan and stable across runs of the same plan: {@code <phase>/<name>@<host>}
 * @param phase the pipeline phase
 * @param host the host's address
 * @param title one line for people
 * @param action what it does
 * @param after ids of steps that must finish first
 */
public record Step(String id, String phase, String host, String title, StepAction action, List<String> after) {
    public Step {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(action, "action");
        after = List.copyOf(after);
    }

    /** The id a step of this phase and name gets on the host. */
    public static String id(String phase, String name, String host) {
        return phase + "/" + name + "@" + host;
    }
}
