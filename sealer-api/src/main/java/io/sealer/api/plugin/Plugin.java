package io.sealer.api.plugin;

/**
 * An install-time extension, found through {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/io.sealer.api.plugin.Plugin}) on the class path or in plugin jars shipped in a cluster
 * image's {@code plugins/} directory. A {@code Plugin} document whose {@code spec.type} equals {@link #type()} runs it
 * in the phases its {@code action} names.
 */
public interface Plugin {
    /** The plugin type that selects this implementation, e.g. {@code LIST_NODE}. */
    String type();

    /**
     * Runs the plugin for one phase.
     *
     * @throws Exception any failure; the installer reports it as a {@link io.sealer.api.PluginException} naming the
     *                   plugin
     */
    void run(PluginContext context, Phase phase) throws Exception;
}
