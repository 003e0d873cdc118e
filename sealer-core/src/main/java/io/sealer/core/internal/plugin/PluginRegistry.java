package io.sealer.core.internal.plugin;

import io.sealer.api.PluginException;
import io.sealer.api.plugin.Plugin;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin types available to one apply, each with the one plugin that runs it: the built-in plugins, those given
 * to the client builder, those found on the class path, and those of the plugin jars the cluster image ships (loaded
 * by {@link PluginJarLoader}, open until {@link #close()}).
 *
 * <p>One type, one plugin. A plugin given to the client builder replaces a built-in or class-path plugin of its type
 * on purpose (it is the application's explicit choice; a warning is logged). Every other clash is an error naming both
 * plugins and where they come from: two built-ins, two given plugins, a class-path plugin and a built-in, two
 * class-path plugins, and any plugin of an image jar against any other plugin (an image cannot replace a type the
 * SDK or the application provides, nor can two of its jars share one). The same class found twice (a built-in also
 * listed in a service file on the class path) counts once.
 */
public final class PluginRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    /** Where a plugin comes from. */
    enum Origin {
        BUILT_IN, CLASS_PATH, GIVEN, IMAGE_JAR
    }

    /** A plugin with its origin. */
    private record Entry(Plugin plugin, String type, Origin origin, Class<?> implementation, Path jar) {
        String describe() {
            String name = implementation.getName();
            return switch (origin) {
                case BUILT_IN -> "the built-in plugin " + name;
                case GIVEN -> "the plugin " + name + " given to the client builder";
                case CLASS_PATH -> "the class-path plugin " + name + location(implementation);
                case IMAGE_JAR -> "the plugin " + name + " of the image's jar " + jar;
            };
        }
    }

    private final Map<String, Entry> byType;
    private final List<PluginJarLoader> jars;
    private boolean closed;

    /**
     * Gathers the plugins of one apply.
     *
     * @param builtIns the plugins the SDK brings
     * @param given the plugins given to the client builder
     * @param classPath the plugins found on the class path
     * @param imageJars the plugin jars of the cluster image (see {@link PluginJarLoader#jarsIn(Path)})
     * @throws PluginException when two plugins claim one type, a plugin's type is blank, or a jar cannot be loaded
     */
    public PluginRegistry(List<Plugin> builtIns, List<Plugin> given, List<Plugin> classPath, List<Path> imageJars) {
        Map<String, Entry> types = new TreeMap<>();
        List<PluginJarLoader> opened = new ArrayList<>();
        try {
            builtIns.forEach(p -> add(types, entry(p, Origin.BUILT_IN)));
            classPath.forEach(p -> add(types, entry(p, Origin.CLASS_PATH)));
            given.forEach(p -> add(types, entry(p, Origin.GIVEN)));
            for (Path jar : imageJars) {
                PluginJarLoader loader = PluginJarLoader.open(jar);
                opened.add(loader);
                for (Plugin plugin : loader.plugins()) {
                    JarPlugin jarPlugin = (JarPlugin) plugin;
                    add(types, new Entry(plugin, plugin.type(), Origin.IMAGE_JAR,
                            jarPlugin.implementation().getClass(), jar));
                }
            }
        } catch (RuntimeException | Error e) {
            opened.forEach(loader -> closeQuietly(loader, e));
            throw e;
        }
        this.byType = Collections.unmodifiableMap(types);
        this.jars = List.copyOf(opened);
    }

    /**
     * The plugins of an apply of the image whose files are at {@code imageFiles}: its jars are those of its
     * {@code plugins/} and {@code plugin/} directories.
     *
     * @see #PluginRegistry(List, List, List, List)
     */
    public static PluginRegistry forImage(List<Plugin> builtIns, List<Plugin> given, List<Plugin> classPath,
            Path imageFiles) {
        return new PluginRegistry(builtIns, given, classPath, PluginJarLoader.jarsIn(imageFiles));
    }

    /**
     * The plugin of a type.
     *
     * @param type the {@code spec.type} of a Plugin document
     * @param pluginDocumentName the document's {@code metadata.name}, for the error
     * @throws PluginException naming the document and listing the known types when no plugin has the type
     */
    public Plugin require(String type, String pluginDocumentName) {
        return find(type).orElseThrow(() -> new PluginException(pluginDocumentName, "no plugin has the type \""
                + type + "\" this Plugin document names in spec.type" + suggestion(type) + "; the known types are "
                + String.join(", ", types()) + " (an out-of-tree plugin comes as a jar in the cluster image's"
                + " plugins/ directory)", null));
    }

    /** The plugin of a type, if any. */
    public synchronized Optional<Plugin> find(String type) {
        if (closed) {
            throw new IllegalStateException("the plugin registry is closed");
        }
        return Optional.ofNullable(byType.get(type)).map(Entry::plugin);
    }

    /** The known types, sorted. */
    public SortedSet<String> types() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byType.keySet()));
    }

    /** Where the plugin of a type comes from, e.g. {@code the plugin x.Y of the image's jar /.../plugins/y.jar}. */
    public Optional<String> describe(String type) {
        return Optional.ofNullable(byType.get(type)).map(Entry::describe);
    }

    /** Closes the image's plugin jars. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (PluginJarLoader jar : jars) {
            try {
                jar.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Entry entry(Plugin plugin, Origin origin) {
        String type;
        try {
            type = plugin.type();
        } catch (RuntimeException e) {
            throw new PluginException(plugin.getClass().getName(), "the plugin failed to say its type(): " + e, e);
        }
        Entry entry = new Entry(plugin, type, origin, plugin.getClass(), null);
        if (type == null || type.isBlank()) {
            throw new PluginException(plugin.getClass().getName(), entry.describe() + " has a blank type(); its"
                    + " type is what Plugin documents name in spec.type", null);
        }
        return entry;
    }

    private static void add(Map<String, Entry> types, Entry entry) {
        Entry existing = types.get(entry.type());
        if (existing == null) {
            types.put(entry.type(), entry);
            return;
        }
        boolean sameClass = existing.implementation() == entry.implementation();
        if (sameClass && existing.origin() != entry.origin()) {
            if (entry.origin() == Origin.GIVEN) {
                LOG.debug("plugin type {}: using the instance given to the client builder", entry.type());
                types.put(entry.type(), entry);
            }
            return;
        }
        if (entry.origin() == Origin.GIVEN && existing.origin() != Origin.GIVEN) {
            LOG.warn("plugin type {}: {} replaces {}", entry.type(), entry.describe(), existing.describe());
            types.put(entry.type(), entry);
            return;
        }
        throw new PluginException(entry.type(), "two plugins claim this type: " + existing.describe() + " and "
                + entry.describe() + "; remove one of them" + clashHint(existing, entry), null);
    }

    private static String clashHint(Entry a, Entry b) {
        if (a.origin() == Origin.IMAGE_JAR || b.origin() == Origin.IMAGE_JAR) {
            return " (a plugin jar of an image adds types; it cannot replace one)";
        }
        if (a.origin() == Origin.GIVEN && b.origin() == Origin.GIVEN) {
            return " (give the client builder one plugin per type)";
        }
        return " (a plugin given to the client builder may replace a built-in or class-path one)";
    }

    private String suggestion(String type) {
        return byType.keySet().stream().filter(t -> t.toLowerCase(Locale.ROOT).equals(type.toLowerCase(Locale.ROOT)))
                .findFirst().map(t -> " (did you mean " + t + "?)").orElse("");
    }

    private static String location(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            return source == null || source.getLocation() == null ? "" : " from " + source.getLocation();
        } catch (SecurityException e) {
            return "";
        }
    }

    private static void closeQuietly(PluginJarLoader loader, Throwable failure) {
        try {
            loader.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
