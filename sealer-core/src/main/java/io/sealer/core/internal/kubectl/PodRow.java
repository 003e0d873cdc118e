package io.sealer.core.internal.kubectl;

import java.util.List;

/**
 * A row of {@code kubectl get pods --no-headers} ({@code NAME READY STATUS RESTARTS AGE}), or with {@code -A} (the
 * NAMESPACE column first).
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param readyContainers containers ready (the left of READY, {@code 1/2})
 * @param containers containers of the pod (the right of READY)
 * @param status the STATUS column: a phase ({@code Running}, {@code Pending}) or a reason ({@code Completed},
 *     {@code CrashLoopBackOff})
 */
public record PodRow(String namespace, String name, int readyContainers, int containers, String status) {
    /** The command listing every pod. */
    public static final String ALL_NAMESPACES_COMMAND = KubectlTables.command("get pods -A --no-headers");

    /** The command listing the pods of one namespace (a DNS label, so it needs no quoting). */
    public static String command(String namespace) {
        return KubectlTables.command("get pods -n " + namespace + " --no-headers");
    }

    /**
     * True for a pod that is done ({@code Completed}/{@code Succeeded}, e.g. a Job's) or {@code Running} with every
     * container ready.
     */
    public boolean healthy() {
        if (status.equals("Completed") || status.equals("Succeeded")) {
            return true;
        }
        return status.equals("Running") && containers > 0 && readyContainers == containers;
    }

    /** {@code namespace/name (status, ready/containers ready)}, for messages. */
    public String describe() {
        return namespace + "/" + name + " (" + status + ", " + readyContainers + "/" + containers + " ready)";
    }

    /**
     * Parses the output of {@link #command(String)}.
     *
     * @throws IllegalArgumentException for a line that is not a pod row
     */
    public static List<PodRow> parse(List<String> lines, String namespace) {
        return KubectlTables.rows(lines, "kubectl get pods", 3).stream()
                .map(c -> row(namespace, c[0], c[1], c[2])).toList();
    }

    /**
     * Parses the output of {@link #ALL_NAMESPACES_COMMAND}.
     *
     * @throws IllegalArgumentException for a line that is not a pod row
     */
    public static List<PodRow> parseAllNamespaces(List<String> lines) {
        return KubectlTables.rows(lines, "kubectl get pods -A", 4).stream()
                .map(c -> row(c[0], c[1], c[2], c[3])).toList();
    }

    private static PodRow row(String namespace, String name, String ready, String status) {
        int slash = ready.indexOf('/');
        try {
            return new PodRow(namespace, name, Integer.parseInt(ready.substring(0, slash)),
                    Integer.parseInt(ready.substring(slash + 1)), status);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unexpected READY column '" + ready + "' of pod " + namespace + "/"
                    + name + " (expected ready/total, e.g. 1/1)", e);
        }
    }
}
