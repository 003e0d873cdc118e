package io.sealer.core.internal.plugin;

import io.sealer.api.plugin.Plugin;
import io.sealer.api.plugin.PluginApi;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Builds a real plugin jar in a test: compiles Java sources with the system compiler against sealer-api (and
 * optionally other class-path entries), then writes the classes, a manifest and a service file.
 */
final class PluginJar {
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<Path> classPath = new ArrayList<>(List.of(locationOf(Plugin.class)));
    private final Map<String, UnaryOperator<byte[]>> patches = new LinkedHashMap<>();
    private String apiVersion = String.valueOf(PluginApi.VERSION);
    private String services;

    private PluginJar() {
    }

    static PluginJar create() {
        return new PluginJar();
    }

    /** The jar or directory a class was loaded from. */
    static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A source file of the class {@code className}. */
    PluginJar source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Compiles against the jar or directory of {@code type} too. */
    PluginJar compiledWith(Class<?> type) {
        classPath.add(locationOf(type));
        return this;
    }

    /** The service file's text; {@code null} for none. */
    PluginJar services(String text) {
        services = text;
        return this;
    }

    /** The manifest's Sealer-Plugin-Api; {@code null} for none. */
    PluginJar apiVersion(String value) {
        apiVersion = value;
        return this;
    }

    /** Rewrites a class file (given as {@code p/Name.class}) before it goes into the jar. */
    PluginJar patch(String entry, UnaryOperator<byte[]> patch) {
        patches.put(entry, patch);
        return this;
    }

    /** Compiles and writes the jar to {@code jar}; its classes are compiled into a sibling directory. */
    Path writeTo(Path jar) throws IOException {
        Files.createDirectories(jar.toAbsolutePath().getParent());
        Path classes = Files.createTempDirectory(jar.toAbsolutePath().getParent(), "classes");
        compile(classes);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (apiVersion != null) {
            manifest.getMainAttributes().put(new Attributes.Name(PluginApi.MANIFEST_ATTRIBUTE), apiVersion);
        }
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(f).toString().replace('\\', '/');
                byte[] bytes = Files.readAllBytes(f);
                if (patches.containsKey(name)) {
                    bytes = patches.get(name).apply(bytes);
                }
                out.putNextEntry(new JarEntry(name));
                out.write(bytes);
                out.closeEntry();
            }
            if (services != null) {
                out.putNextEntry(new JarEntry("META-INF/services/" + Plugin.class.getName()));
                out.write(services.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private void compile(Path classes) {
        if (sources.isEmpty()) {
            return;
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(new Source(name, code)));
        String path = String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList());
        StringWriter diagnostics = new StringWriter();
        boolean ok = compiler.getTask(diagnostics, null, null, List.of("--release", "17", "-d", classes.toString(),
                "-classpath", path, "-proc:none"), null, units).call();
        if (!ok) {
            throw new IllegalStateException("test plugin does not compile:\n" + diagnostics);
        }
    }

    /** Sets a class file's major version (bytes 6 and 7). */
    static byte[] majorVersion(byte[] classFile, int major) {
        byte[] patched = classFile.clone();
        patched[6] = (byte) (major >> 8);
        patched[7] = (byte) major;
        return patched;
    }

    /** The number of this process's open file descriptors on {@code file} (Linux). */
    static long openDescriptors(Path file) {
        Path fds = Path.of("/proc/self/fd");
        try (Stream<Path> links = Files.list(fds)) {
            Path real = file.toRealPath();
            return links.filter(l -> {
                try {
                    return Files.readSymbolicLink(l).equals(real);
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
