package io.sealer.core.internal.apply;

import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.Host;
import java.util.LinkedHashMap;
import java.util.Map;

/** The environment of a host's commands: the cluster's env, the host group's over it, and {@code HostIP}. */
final class HostEnv {
    private HostEnv() {
    }

    static Map<String, String> of(Cluster cluster, String ip) {
        Map<String, String> env = new LinkedHashMap<>(cluster.env());
        cluster.hostOf(ip).map(Host::env).ifPresent(env::putAll);
        env.putIfAbsent("HostIP", ip);
        env.keySet().removeIf(k -> !k.matches("[A-Za-z_][A-Za-z0-9_]*"));
        return env;
    }
}
