package io.sealer.core.internal.check;

import java.util.List;

/**
 * The pods of one namespace.
 *
 * @param namespace the namespace
 * @param runningCount pods running with all containers ready, or completed
 * @param podCount all pods of the namespace
 * @param notRunningPods the names of the others, in kubectl's order
 */
public record NamespacePods(String namespace, int runningCount, int podCount, List<String> notRunningPods) {
    public NamespacePods {
        notRunningPods = List.copyOf(notRunningPods);
    }

    /** True when every pod of the namespace runs (or completed). */
    public boolean passed() {
        return notRunningPods.isEmpty();
    }
}
