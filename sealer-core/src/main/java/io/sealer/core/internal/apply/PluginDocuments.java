package io.sealer.core.internal.apply;

import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.PluginSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Plugin documents of an apply: the Clusterfile's, then the image's ({@code plugins/} and the older
 * {@code plugin/}), each exactly once. A Clusterfile document with the same {@code metadata.name} as an image document
 * replaces it (the user's change to what the image ships); sealer instead appended image documents once per
 * differing Clusterfile document, so they were dropped or duplicated.
 */
final class PluginDocuments {
    private PluginDocuments() {
    }

    static List<PluginSpec> of(Clusterfile clusterfile, List<PluginSpec> imagePlugins) {
        Map<String, PluginSpec> byName = new LinkedHashMap<>();
        List<PluginSpec> unnamed = new ArrayList<>();
        for (PluginSpec spec : clusterfile.plugins()) {
            add(byName, unnamed, spec, true);
        }
        for (PluginSpec spec : imagePlugins) {
            add(byName, unnamed, spec, false);
        }
        List<PluginSpec> all = new ArrayList<>(byName.values());
        all.addAll(unnamed);
        return all;
    }

    private static boolean same(PluginSpec a, PluginSpec b) {
        return a.type().equals(b.type()) && a.actions().equals(b.actions()) && a.scope().equals(b.scope())
                && a.data().equals(b.data());
    }

    private static void add(Map<String, PluginSpec> byName, List<PluginSpec> unnamed, PluginSpec spec,
            boolean replace) {
        if (spec.name() == null || spec.name().isBlank()) {
            PluginSpec named = new PluginSpec(spec.type().toLowerCase(java.util.Locale.ROOT) + "-"
                    + (unnamed.size() + 1), spec.type(), spec.actions(), spec.scope(), spec.data());
            if (unnamed.stream().noneMatch(u -> same(u, spec))) {
                unnamed.add(named);
            }
        } else if (replace || !byName.containsKey(spec.name())) {
            byName.put(spec.name(), spec);
        }
    }
}
