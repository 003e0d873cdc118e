package io.sealer.core.internal.plugin.builtin;

import io.sealer.api.plugin.Plugin;
import java.util.List;

/** The plugin types built into sealer-java, ready to register with the installer. */
public final class BuiltinPlugins {
    private BuiltinPlugins() {
    }

    /**
     * One instance of each built-in type: {@code SHELL}, {@code HOSTNAME}, {@code LABEL}, {@code TAINT},
     * {@code CLUSTERCHECK} (waiting in real time) and {@code ETCD}. The instances keep no state between runs.
     */
    public static List<Plugin> all() {
        return List.of(new ShellPlugin(), new HostnamePlugin(), new LabelPlugin(), new TaintPlugin(),
                new ClusterCheckPlugin(), new EtcdBackupPlugin());
    }
}
