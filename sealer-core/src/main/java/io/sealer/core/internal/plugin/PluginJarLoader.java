package io.sealer.core.internal.plugin;

import io.sealer.api.PluginException;
import io.sealer.api.plugin.Plugin;
import io.sealer.api.plugin.PluginApi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The plugins of one plugin jar, loaded in the jar's own {@link URLClassLoader}. Its parent exposes only the JDK and
 * the {@code io.sealer.api} packages, so a plugin can neither reach the SDK's internals or dependencies nor clash
 * with them; a plugin's own dependencies are shaded into its jar.
 *
 * <p>A plugin jar lists its {@link Plugin} classes in {@value #SERVICE_FILE} (as for {@link ServiceLoader}), and
 * may name the plugin API version it was compiled against in its manifest ({@value PluginApi#MANIFEST_ATTRIBUTE};
 * a jar without it is taken to need version 1). Every problem is a {@link PluginException} naming the jar: no
 * service file, a listed class that is missing or not a {@code Plugin}, a newer plugin API or Java version than this
 * SDK and JVM provide, a class the plugin needs that it cannot see, a blank {@link Plugin#type()}.
 *
 * <p>The jar stays open until {@link #close()}; the plugins it returns run with the jar's class loader as the
 * thread's context class loader.
 */
public final class PluginJarLoader implements AutoCloseable {
    /** Where a plugin jar lists its plugin classes. */
    public static final String SERVICE_FILE = "META-INF/services/" + Plugin.class.getName();
    /** The directories of a cluster image that hold plugins: {@code plugins/}, and {@code plugin/} before v0.7. */
    public static final List<String> PLUGIN_DIRECTORIES = List.of("plugins", "plugin");

    private static final int CLASS_FILE_VERSION_OFFSET = 44;

    private final Path jar;
    private final URLClassLoader loader;
    private final List<Plugin> plugins;

    private PluginJarLoader(Path jar, URLClassLoader loader, List<Plugin> plugins) {
        this.jar = jar;
        this.loader = loader;
        this.plugins = plugins;
    }

    /**
     * The plugin jars of a cluster image: the {@code *.jar} files of its {@code plugins/} directory, then those of
     * {@code plugin/}, each sorted by name.
     *
     * @param imageFiles the image's files (the merged rootfs of its layers)
     */
    public static List<Path> jarsIn(Path imageFiles) {
        List<Path> jars = new ArrayList<>();
        for (String dir : PLUGIN_DIRECTORIES) {
            Path folder = imageFiles.resolve(dir);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).sorted()
                        .forEach(jars::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
        }
        return List.copyOf(jars);
    }

    /**
     * Loads the plugins of a jar.
     *
     * @throws PluginException naming the jar when it is no plugin jar, needs a newer plugin API or Java, or a
     *                         listed plugin cannot be loaded or created
     */
    public static PluginJarLoader open(Path jar) {
        return open(jar, Plugin.class.getClassLoader());
    }

    /** Loads the plugins of a jar; {@code io.sealer.api} classes come from {@code sdk}. */
    static PluginJarLoader open(Path jar, ClassLoader sdk) {
        List<String> classNames = checkJar(jar);
        URLClassLoader loader = new URLClassLoader("plugin jar " + jar.getFileName(), new URL[] {url(jar)},
                new ApiOnlyClassLoader(sdk));
        try {
            List<Plugin> plugins = load(jar, loader, classNames);
            return new PluginJarLoader(jar, loader, plugins);
        } catch (RuntimeException | Error e) {
            closeQuietly(loader, e);
            throw e;
        }
    }

    /** The jar. */
    public Path jar() {
        return jar;
    }

    /** The jar's plugins, in the order its service file lists them. */
    public List<Plugin> plugins() {
        return plugins;
    }

    /** The jar's class loader. */
    public ClassLoader classLoader() {
        return loader;
    }

    /** Closes the jar; its plugins cannot load classes any more. */
    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + jar, e);
        }
    }

    /** Checks the manifest's plugin API version and returns the classes the service file lists. */
    private static List<String> checkJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw fail(jar, "is not a file", null);
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            checkApiVersion(jar, file.getManifest());
            JarEntry services = file.getJarEntry(SERVICE_FILE);
            if (services == null) {
                throw fail(jar, "has no " + SERVICE_FILE + " entry; a plugin jar lists its plugin classes there,"
                        + " one fully qualified class name a line", null);
            }
            List<String> names = serviceEntries(file.getInputStream(services));
            if (names.isEmpty()) {
                throw fail(jar, SERVICE_FILE + " lists no plugin class", null);
            }
            return names;
        } catch (IOException e) {
            throw fail(jar, "is not a readable jar: " + e.getMessage(), e);
        }
    }

    private static void checkApiVersion(Path jar, Manifest manifest) {
        String value = manifest == null ? null : manifest.getMainAttributes()
                .getValue(new Attributes.Name(PluginApi.MANIFEST_ATTRIBUTE));
        if (value == null) {
            return;
        }
        int needed;
        try {
            needed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw fail(jar, "its manifest's " + PluginApi.MANIFEST_ATTRIBUTE + " is \"" + value
                    + "\", expected the plugin API version as a whole number such as " + PluginApi.VERSION, e);
        }
        if (needed > PluginApi.VERSION) {
            throw fail(jar, "compiled for plugin API " + needed + "; this SDK provides " + PluginApi.VERSION
                    + ": use a newer sealer-java", null);
        }
    }

    /** The class names of a service file: one a line, {@code #} starts a comment (as {@link ServiceLoader}). */
    private static List<String> serviceEntries(InputStream in) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int hash = line.indexOf('#');
                String name = (hash < 0 ? line : line.substring(0, hash)).strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return List.copyOf(names);
    }

    private static List<Plugin> load(Path jar, URLClassLoader loader, List<String> classNames) {
        for (String name : classNames) {
            Class<?> type = loadClass(jar, loader, name);
            if (type.getClassLoader() != loader) {
                throw fail(jar, SERVICE_FILE + " lists " + name + ", which is not a class of the jar", null);
            }
            if (!Plugin.class.isAssignableFrom(type)) {
                throw fail(jar, SERVICE_FILE + " lists " + name + ", which is not an " + Plugin.class.getName()
                        + " (it must implement that interface)", null);
            }
            if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())
                    || !hasPublicNoArgConstructor(type)) {
                throw fail(jar, "cannot create the plugin " + name + ": a plugin class must be public, not abstract,"
                        + " with a public constructor without parameters", null);
            }
        }
        List<Plugin> plugins = new ArrayList<>();
        Iterator<ServiceLoader.Provider<Plugin>> providers = ServiceLoader.load(Plugin.class, loader).stream()
                .filter(p -> p.type().getClassLoader() == loader).iterator();
        while (true) {
            ServiceLoader.Provider<Plugin> provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                throw fail(jar, "cannot load the plugins " + SERVICE_FILE + " lists: " + e.getMessage(), e);
            }
            String name = provider.type().getName();
            Plugin plugin;
            try {
                plugin = provider.get();
            } catch (ServiceConfigurationError e) {
                throw fail(jar, "cannot create the plugin " + name + ": " + creationProblem(jar, name, e), e);
            }
            plugins.add(new JarPlugin(plugin, typeOf(jar, name, plugin), jar, loader));
        }
        return List.copyOf(plugins);
    }

    private static boolean hasPublicNoArgConstructor(Class<?> type) {
        try {
            return Modifier.isPublic(type.getConstructor().getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        } catch (LinkageError e) {
            return true; // reported with its cause when the plugin is created
        }
    }

    private static Class<?> loadClass(Path jar, URLClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw fail(jar, SERVICE_FILE + " lists " + name + ", which the jar does not contain", e);
        } catch (UnsupportedClassVersionError e) {
            throw fail(jar, newerJava(jar, name, e), e);
        } catch (LinkageError e) {
            throw fail(jar, "cannot load the plugin class " + name + ": " + Linkage.describe(e), e);
        }
    }

    private static String creationProblem(Path jar, String name, ServiceConfigurationError e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnsupportedClassVersionError version) {
                return newerJava(jar, name, version);
            }
            if (cause instanceof LinkageError linkage) {
                return Linkage.describe(linkage);
            }
        }
        Throwable cause = e.getCause();
        return cause == null ? e.getMessage() : e.getMessage() + ": " + cause;
    }

    private static String typeOf(Path jar, String name, Plugin plugin) {
        String type;
        try {
            type = plugin.type();
        } catch (RuntimeException | LinkageError e) {
            throw fail(jar, "the plugin " + name + " failed to say its type(): " + e, e);
        }
        if (type == null || type.isBlank()) {
            throw fail(jar, "the plugin " + name + " has a blank type(); its type is what Plugin documents name"
                    + " in spec.type", null);
        }
        return type;
    }

    /** Names the class compiled for a newer Java, and both Java versions. */
    private static String newerJava(Path jar, String listed, UnsupportedClassVersionError e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf(" has been compiled");
        String internal = end > 0 ? message.substring(0, end) : listed.replace('.', '/');
        int runtime = Runtime.version().feature();
        int major = majorVersion(jar, internal + ".class");
        String compiled = major > 0 ? "Java " + (major - CLASS_FILE_VERSION_OFFSET) + " (class file version "
                + major + ")" : "a newer Java";
        return "the class " + internal.replace('/', '.') + " was compiled for " + compiled + "; this JVM is Java "
                + runtime + ": run sealer-java on a newer Java, or compile the plugin with --release " + runtime;
    }

    private static int majorVersion(Path jar, String entry) {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry classFile = file.getJarEntry(entry);
            if (classFile == null) {
                return -1;
            }
            try (InputStream in = file.getInputStream(classFile)) {
                byte[] head = in.readNBytes(8);
                return head.length == 8 ? ((head[6] & 0xff) << 8) | (head[7] & 0xff) : -1;
            }
        } catch (IOException e) {
            return -1;
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw fail(jar, "has no URL: " + e.getMessage(), e);
        }
    }

    private static PluginException fail(Path jar, String problem, Throwable cause) {
        return new PluginException(jar.toString(), problem, cause);
    }

    private static void closeQuietly(URLClassLoader loader, Throwable failure) {
        try {
            loader.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
