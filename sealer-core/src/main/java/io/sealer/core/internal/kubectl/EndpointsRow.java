package io.sealer.core.internal.kubectl;

import java.util.List;

/**
 * A row of {@code kubectl get endpoints -A --no-headers} ({@code NAMESPACE NAME ENDPOINTS AGE}); kubectl lists only
 * ready addresses in ENDPOINTS and prints {@code <none>} when there is none.
 *
 * @param namespace the namespace of the endpoints (and of their service)
 * @param name the name of the endpoints, which is their service's name
 * @param hasReadyAddresses true when ENDPOINTS is not {@code <none>}
 */
public record EndpointsRow(String namespace, String name, boolean hasReadyAddresses) {
    /** The command listing every endpoints object. */
    public static final String COMMAND = KubectlTables.command("get endpoints -A --no-headers");

    /**
     * Parses the output of {@link #COMMAND}.
     *
     * @throws IllegalArgumentException for a line that is not an endpoints row
     */
    public static List<EndpointsRow> parse(List<String> lines) {
        return KubectlTables.rows(lines, "kubectl get endpoints -A", 3).stream()
                .map(c -> new EndpointsRow(c[0], c[1], !KubectlTables.valueOrEmpty(c[2]).isEmpty())).toList();
    }
}
