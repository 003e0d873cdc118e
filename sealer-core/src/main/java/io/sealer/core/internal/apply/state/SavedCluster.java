package io.sealer.core.internal.apply.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A cluster as the last apply left it. {@link #toString()} shows no Clusterfile text (it holds passwords).
 *
 * @param name the cluster's name
 * @param clusterfileYaml the applied Clusterfile, secrets decrypted
 * @param hostnames each host's node name, by IP address
 */
public record SavedCluster(String name, String clusterfileYaml, Map<String, String> hostnames) {
    public SavedCluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(clusterfileYaml, "clusterfileYaml");
        hostnames = Collections.unmodifiableMap(new LinkedHashMap<>(hostnames));
    }

    @Override
    public String toString() {
        return "SavedCluster[name=" + name + ", hosts=" + hostnames.keySet() + "]";
    }
}
