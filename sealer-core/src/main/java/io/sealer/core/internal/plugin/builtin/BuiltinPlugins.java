package io.sealer.core.internal.plugin.builtin;

import io.sealer.api.plugin.Plugin;
import java.util.List;

/** The plugin types sealer-java ships. */
public final class BuiltinPlugins {
    private BuiltinPlugins() {
    }

    /** Every built-in plugin. */
    public static List<Plugin> all() {
        return List.of();
    }
}
