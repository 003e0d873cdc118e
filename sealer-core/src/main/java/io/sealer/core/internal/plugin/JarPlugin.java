package io.sealer.core.internal.plugin;

import io.sealer.api.PluginException;
import io.sealer.api.plugin.Phase;
import io.sealer.api.plugin.Plugin;
import io.sealer.api.plugin.PluginContext;
import java.nio.file.Path;

/**
 * A plugin of a jar: runs the jar's implementation with the jar's class loader as the thread's context class loader
 * (so what the plugin looks up through it stays inside the jar), and turns a class the plugin misses at run time
 * into an error that names the jar and the class.
 */
final class JarPlugin implements Plugin {
    private final Plugin implementation;
    private final String type;
    private final Path jar;
    private final ClassLoader loader;

    JarPlugin(Plugin implementation, String type, Path jar, ClassLoader loader) {
        this.implementation = implementation;
        this.type = type;
        this.jar = jar;
        this.loader = loader;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public void run(PluginContext context, Phase phase) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            implementation.run(context, phase);
        } catch (LinkageError e) {
            throw new PluginException(jar.toString(), "plugin " + type + " (" + implementation.getClass().getName()
                    + ") failed in phase " + phase.displayName() + ": " + Linkage.describe(e), e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** The jar's own plugin object. */
    Plugin implementation() {
        return implementation;
    }

    /** The jar the plugin comes from. */
    Path jar() {
        return jar;
    }

    @Override
    public String toString() {
        return type + " (" + implementation.getClass().getName() + " of " + jar + ")";
    }
}
