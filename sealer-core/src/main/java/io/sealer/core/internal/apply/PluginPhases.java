package io.sealer.core.internal.apply;

import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.PluginSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The plugin phases named by Plugin documents: only these get hook steps in a plan. */
final class PluginPhases {
    private PluginPhases() {
    }

    /** The phases of the Clusterfile's Plugin documents and the image's. */
    static Set<String> of(Clusterfile clusterfile, List<PluginSpec> imagePlugins) {
        Set<String> phases = new LinkedHashSet<>();
        clusterfile.plugins().forEach(p -> phases.addAll(p.actions()));
        imagePlugins.forEach(p -> phases.addAll(p.actions()));
        return phases;
    }
}
