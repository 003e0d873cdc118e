package io.sealer.core.internal.kubectl;

import java.util.List;

/**
 * A row of {@code kubectl get svc -A --no-headers} ({@code NAMESPACE NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE}).
 *
 * @param namespace the service's namespace
 * @param name the service's name
 * @param type {@code ClusterIP}, {@code NodePort}, {@code LoadBalancer} or {@code ExternalName}
 */
public record ServiceRow(String namespace, String name, String type) {
    /** The command listing every service. */
    public static final String COMMAND = KubectlTables.command("get svc -A --no-headers");

    /** True for an {@code ExternalName} service: a DNS alias, which never has endpoints. */
    public boolean externalName() {
        return type.equals("ExternalName");
    }

    /**
     * Parses the output of {@link #COMMAND}.
     *
     * @throws IllegalArgumentException for a line that is not a service row
     */
    public static List<ServiceRow> parse(List<String> lines) {
        return KubectlTables.rows(lines, "kubectl get svc -A", 3).stream()
                .map(c -> new ServiceRow(c[0], c[1], c[2])).toList();
    }
}
