package io.sealer.core.internal.apply;

import io.sealer.api.plugin.Plugin;

/** Finds the plugin implementing a Plugin document's type. */
public interface PluginTypes extends AutoCloseable {
    /**
     * The plugin of {@code type}.
     *
     * @param document the Plugin document's name, for the message
     * @throws io.sealer.api.PluginException naming the document and listing the known types when none implements it
     */
    Plugin require(String type, String document);

    /** Releases what loading plugins opened (plugin jars). */
    @Override
    default void close() {
    }
}
