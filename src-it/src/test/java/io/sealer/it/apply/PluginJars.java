package io.sealer.it.apply;

import io.sealer.api.plugin.Plugin;
import io.sealer.api.plugin.PluginApi;
import io.sealer.examples.plugins.listnodes.ListNodesPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The docs' list-nodes plugin jar: the one the reactor packages ({@code sealer-examples}'s
 * {@code list-nodes-plugin} jar) when it exists (every {@code mvn verify}); otherwise the same classes and service
 * entry assembled from the test class path (a targeted {@code mvn test}, which stops before packaging).
 */
final class PluginJars {
    private PluginJars() {
    }

    static void listNodes(Path target) throws IOException {
        String packaged = System.getProperty("sealer.listNodesPluginJar", "");
        if (!packaged.isEmpty() && Files.isRegularFile(Path.of(packaged))) {
            Files.copy(Path.of(packaged), target);
            return;
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(PluginApi.MANIFEST_ATTRIBUTE, Integer.toString(PluginApi.VERSION));
        try (OutputStream file = Files.newOutputStream(target);
                JarOutputStream jar = new JarOutputStream(file, manifest)) {
            String name = ListNodesPlugin.class.getName().replace('.', '/') + ".class";
            jar.putNextEntry(new JarEntry(name));
            try (InputStream bytes = ListNodesPlugin.class.getClassLoader().getResourceAsStream(name)) {
                bytes.transferTo(jar);
            }
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("META-INF/services/" + Plugin.class.getName()));
            jar.write((ListNodesPlugin.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }
}
