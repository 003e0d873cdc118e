package io.sealer.core.internal.config;

import io.sealer.api.ClusterfileException;
import io.sealer.api.cluster.ConfigSpec;

/**
 * Makes the errors of one Config document: each names the Clusterfile, the document ({@code metadata.name}, or its
 * position when it has none) and the field.
 *
 * @param source the Clusterfile the Config came from
 * @param label the document, e.g. {@code Config "mysql-config"}
 */
record ConfigErrors(String source, String label) {
    static ConfigErrors of(String source, ConfigSpec config, int position) {
        String label = config.name().isEmpty() ? "Config #" + position + " (no metadata.name)"
                : "Config \"" + config.name() + "\"";
        return new ConfigErrors(source, label);
    }

    ClusterfileException error(String field, String problem) {
        return new ClusterfileException(source, 0, label + " " + field, problem);
    }
}
