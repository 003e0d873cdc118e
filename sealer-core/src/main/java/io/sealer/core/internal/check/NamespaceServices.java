package io.sealer.core.internal.check;

import java.util.List;

/**
 * The services of one namespace.
 *
 * @param namespace the namespace
 * @param healthyCount services with a ready endpoint address ({@code ExternalName} services, which never have
 *     endpoints, count as healthy)
 * @param serviceCount all services of the namespace
 * @param unhealthyServices the names of the others, in kubectl's order
 */
public record NamespaceServices(String namespace, int healthyCount, int serviceCount, List<String> unhealthyServices) {
    public NamespaceServices {
        unhealthyServices = List.copyOf(unhealthyServices);
    }

    /** True when every service of the namespace has endpoints. */
    public boolean passed() {
        return unhealthyServices.isEmpty();
    }
}
