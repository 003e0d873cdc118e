package io.sealer.core.internal.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sealer.api.PluginException;
import io.sealer.api.plugin.FakePluginContext;
import io.sealer.api.plugin.Phase;
import io.sealer.api.plugin.Plugin;
import io.sealer.api.spi.ExecResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginJarLoaderTest {
    /** A context on one master whose commands all answer {@code result}, with {@code data} as the document's data. */
    static FakePluginContext context(String data, ExecResult result) {
        return FakePluginContext.onMaster0(FakePluginContext.spec("test", "TEST", data)).otherwise(result);
    }

    /** The source of a plugin class {@code p.<className>} of {@code type} (null: none) whose run is {@code run}. */
    static String plugin(String className, String type, String run) {
        return """
                package p;

                import io.sealer.api.plugin.Phase;
                import io.sealer.api.plugin.Plugin;
                import io.sealer.api.plugin.PluginContext;
                import io.sealer.api.spi.ExecResult;

                public class %s implements Plugin {
                    @Override
                    public String type() {
                        return %s;
                    }

                    @Override
                    public void run(PluginContext context, Phase phase) {
                %s
                    }
                }
                """.formatted(className, type == null ? "null" : "\"" + type + "\"", run);
    }

    /** Runs kubectl on master0 and logs its lines, the phase and whether the context class loader is its own. */
    static final String GOOD_RUN = """
                    ExecResult result = context.exec(context.master0(), "kubectl get nodes");
                    for (String line : result.lastLines()) {
                        context.logger().log(System.Logger.Level.INFO, line);
                    }
                    context.logger().log(System.Logger.Level.INFO, "phase " + phase.displayName());
                    context.logger().log(System.Logger.Level.INFO, "context loader is mine: "
                            + (Thread.currentThread().getContextClassLoader() == getClass().getClassLoader()));
            """;

    static final String GOOD = plugin("Good", "GOOD", GOOD_RUN);

    static String typed(String className, String type) {
        return plugin(className, type, GOOD_RUN);
    }

    @TempDir
    Path dir;

    @Test
    void aGoodJarLoadsAndItsPluginRunsThroughTheContext() throws Exception {
        Path jar = PluginJar.create().source("p.Good", GOOD).services("# the plugins\np.Good\n")
                .writeTo(dir.resolve("good.jar"));
        try (PluginJarLoader loader = PluginJarLoader.open(jar)) {
            assertThat(loader.plugins()).hasSize(1);
            Plugin plugin = loader.plugins().get(0);
            assertThat(plugin.type()).isEqualTo("GOOD");
            assertThat(((JarPlugin) plugin).implementation().getClass().getClassLoader())
                    .isSameAs(loader.classLoader());
            FakePluginContext context = context("", new ExecResult(0, List.of("NAME STATUS", "node1 Ready")));

            plugin.run(context, Phase.POST_INSTALL);

            assertThat(context.commands()).containsExactly("192.168.0.2: kubectl get nodes");
            assertThat(context.messages()).containsExactly("NAME STATUS", "node1 Ready", "phase PostInstall",
                    "context loader is mine: true");
            assertThat(Thread.currentThread().getContextClassLoader()).isNotSameAs(loader.classLoader());
        }
    }

    @Test
    void aPluginSeesOnlyItsJarTheJdkAndTheApi() throws Exception {
        String probe = plugin("Probe", "PROBE", """
                        for (String name : context.spec().data().split("\\n")) {
                            try {
                                Class.forName(name);
                                context.logger().log(System.Logger.Level.INFO, name + " visible");
                            } catch (ClassNotFoundException e) {
                                context.logger().log(System.Logger.Level.INFO, name + " hidden");
                            }
                        }
                        boolean resource = getClass().getClassLoader()
                                .getResource("io/sealer/core/SealerClient.class") != null;
                        context.logger().log(System.Logger.Level.INFO, "SealerClient.class " + resource);
                """);
        Path jar = PluginJar.create().source("p.Probe", probe).services("p.Probe").writeTo(dir.resolve("probe.jar"));
        List<String> hidden = List.of("io.sealer.core.SealerClient",
                "io.sealer.core.internal.plugin.PluginRegistry", "com.google.common.collect.ImmutableList",
                "org.slf4j.LoggerFactory", "com.fasterxml.jackson.databind.ObjectMapper");
        List<String> visible = List.of("java.util.List", "java.sql.Connection", "java.net.http.HttpClient",
                "io.sealer.api.plugin.PluginContext", "io.sealer.api.cluster.Cluster");
        for (String name : hidden) {
            Class.forName(name); // on the SDK's class path, so hiding them means something
        }
        try (PluginJarLoader loader = PluginJarLoader.open(jar)) {
            FakePluginContext context = context(String.join("\n", hidden) + "\n" + String.join("\n", visible),
                    new ExecResult(0, List.of()));

            loader.plugins().get(0).run(context, Phase.POST_INSTALL);

            assertThat(context.messages()).containsExactly(
                    "io.sealer.core.SealerClient hidden",
                    "io.sealer.core.internal.plugin.PluginRegistry hidden",
                    "com.google.common.collect.ImmutableList hidden",
                    "org.slf4j.LoggerFactory hidden",
                    "com.fasterxml.jackson.databind.ObjectMapper hidden",
                    "java.util.List visible",
                    "java.sql.Connection visible",
                    "java.net.http.HttpClient visible",
                    "io.sealer.api.plugin.PluginContext visible",
                    "io.sealer.api.cluster.Cluster visible",
                    "SealerClient.class false");
        }
    }

    @Test
    void onlyTheJarsOwnPluginsAreLoaded() throws Exception {
        Path jar = PluginJar.create().source("p.Good", GOOD).services("p.Good").writeTo(dir.resolve("good.jar"));
        try (PluginJarLoader loader = PluginJarLoader.open(jar)) {
            assertThat(loader.plugins()).extracting(Plugin::type).containsExactly("GOOD");
            assertThat(java.util.Collections.list(loader.classLoader().getResources(PluginJarLoader.SERVICE_FILE)))
                    .hasSize(1).allSatisfy(url -> assertThat(url.toString()).contains("good.jar"));
        }
    }

    @Test
    void aJarWithoutAServiceFileIsRefused() throws Exception {
        Path jar = PluginJar.create().source("p.Good", GOOD).services(null).writeTo(dir.resolve("plain.jar"));

        assertThatThrownBy(() -> PluginJarLoader.open(jar)).isInstanceOf(PluginException.class)
                .hasMessageContaining(jar.toString())
                .hasMessageContaining("has no META-INF/services/io.sealer.api.plugin.Plugin entry");
    }

    @Test
    void aServiceFileListingNoClassIsRefused() throws Exception {
        Path jar = PluginJar.create().services("# nothing yet\n\n").writeTo(dir.resolve("empty.jar"));

        assertThatThrownBy(() -> PluginJarLoader.open(jar)).isInstanceOf(PluginException.class)
                .hasMessageContaining(jar.toString()).hasMessageContaining("lists no plugin class");
    }

    @Test
    void aListedClassTheJarDoesNotContainIsNamed() throws Exception {
        Path jar = PluginJar.create().source("p.Good", GOOD).services("p.Good\np.Missing\n")
                .writeTo(dir.resolve("missing.jar"));

        assertThatThrownBy(() -> PluginJarLoader.open(jar)).isInstanceOf(PluginException.class)
                .hasMessageContaining(jar.toString())
                .hasMessageContaining("lists p.Missing, which the jar does not contain");
    }

    @Test
    void aListedClassThatIsNoPluginIsNamed() throws Exception {
        Path jar = PluginJar.create().source("p.Helper", "package p; public class Helper { }").services("p.Helper")
                .writeTo(dir.resolve("helper.jar"));

        assertThatThrownBy(() -> PluginJarLoader.open(jar)).isInstanceOf(PluginException.class)
                .hasMessageContaining(jar.toString())
                .hasMessageContaining("lists p.Helper, which is not an io.sealer.api.plugin.Plugin");
    }

    @Test
    void aListedClassOutsideTheJarIsRefused() throws Exception {
        Path jar = PluginJar.create().services("io.sealer.api.plugin.Plugin").writeTo(dir.resolve("api.jar"));

        assertThatThrownBy(() -> PluginJarLoader.open(jar)).isInstanceOf(PluginException.class)
                .hasMessageContaining("lists io.sealer.api.plugin.Plugin, which is not a class of the jar");
    }

    @Test
    void aJarForANewerPluginApiIsRefusedBeforeAnyClassLoads() throws Exception {
        Path jar = PluginJar.create().source("p.Good", GOOD).services("p.Good").apiVersion("2")
                .writeTo(dir.resolve("future.jar"));

        assertThatThrownBy(() -> PluginJarLoader.open(jar)).isInstanceOf(PluginException.class)
                .hasMessage(jar + ": compiled for plugin API 2; this SDK provides 1: use a newer sealer-java");
    }

    @Test
    void aMalformedPluginApiVersionIsRefused() throws Exception {
        Path jar = PluginJar.create().source("p.Good", GOOD).services("p.Good").apiVersion("one")
                .writeTo(dir.resolve("odd.jar"));

        assertThatThrownBy(() -> PluginJarLoader.open(jar)).isInstanceOf(PluginException.class)
                .hasMessageContaining("Sealer-Plugin-Api is \"one\", expected the plugin API version as a whole"
                        + " number");
    }

    @Test
    void aJarWithoutAPluginApiVersionIsTakenToNeedTheFirst() throws Exception {
        Path jar = PluginJar.create().source("p.Good", GOOD).services("p.Good").apiVersion(null)
                .writeTo(dir.resolve("unversioned.jar"));

        try (PluginJarLoader loader = PluginJarLoader.open(jar)) {
            assertThat(loader.plugins()).extracting(Plugin::type).containsExactly("GOOD");
        }
    }

    @Test
    void aClassCompiledForANewerJavaIsNamedWithBothVersions() throws Exception {
        Path jar = PluginJar.create().source("p.Good", GOOD).services("p.Good")
                .patch("p/Good.class", bytes -> PluginJar.majorVersion(bytes, 99)).writeTo(dir.resolve("new.jar"));
        int runtime = Runtime.version().feature();

        assertThatThrownBy(() -> PluginJarLoader.open(jar)).isInstanceOf(PluginException.class)
                .hasMessageContaining(jar.toString())
                .hasMessageContaining("the class p.Good was compiled for Java 55 (class file version 99); this JVM"
                        + " is Java " + runtime + ": run sealer-java on a newer Java, or compile the plugin with"
                        + " --release " + runtime);
    }

    @Test
    void aPluginClassNeedingADependencyItDidNotShadeIsExplained() throws Exception {
        String needy = plugin("Needy", "NEEDY", "").replace("implements Plugin {",
                "implements Plugin, com.google.common.base.Supplier<String> {\n"
                        + "    @Override public String get() { return \"x\"; }\n");
        Path jar = PluginJar.create().source("p.Needy", needy).compiledWith(com.google.common.base.Supplier.class)
                .services("p.Needy").writeTo(dir.resolve("needy.jar"));

        assertThatThrownBy(() -> PluginJarLoader.open(jar)).isInstanceOf(PluginException.class)
                .hasMessageContaining(jar.toString())
                .hasMessageContaining("cannot load the plugin class p.Needy: it needs the class"
                        + " com.google.common.base.Supplier, which neither the jar nor the JDK nor io.sealer.api"
                        + " provides")
                .hasMessageContaining("shade the plugin's dependencies into its jar");
    }

    @Test
    void aDependencyMissingAtRunTimeIsExplained() throws Exception {
        String lazy = plugin("Lazy", "LAZY", """
                        context.logger().log(System.Logger.Level.INFO,
                                com.google.common.base.Strings.repeat("-", 3));
                """);
        Path jar = PluginJar.create().source("p.Lazy", lazy).compiledWith(com.google.common.base.Strings.class)
                .services("p.Lazy").writeTo(dir.resolve("lazy.jar"));

        try (PluginJarLoader loader = PluginJarLoader.open(jar)) {
            Plugin plugin = loader.plugins().get(0);
            assertThatThrownBy(() -> plugin.run(context("", new ExecResult(0, List.of())),
                    Phase.POST_INSTALL)).isInstanceOf(PluginException.class)
                    .hasMessageContaining(jar.toString())
                    .hasMessageContaining("plugin LAZY (p.Lazy) failed in phase PostInstall: it needs the class"
                            + " com.google.common.base.Strings");
        }
    }

    @Test
    void aPluginWithABlankTypeIsRefused() throws Exception {
        Path jar = PluginJar.create().source("p.Blank", typed("Blank", " ")).services("p.Blank")
                .writeTo(dir.resolve("blank.jar"));

        assertThatThrownBy(() -> PluginJarLoader.open(jar)).isInstanceOf(PluginException.class)
                .hasMessageContaining(jar.toString()).hasMessageContaining("the plugin p.Blank has a blank type()");
    }

    @Test
    void aPluginThatCannotBeCreatedIsNamed() throws Exception {
        String code = typed("NoDefault", "X").replace("public class NoDefault implements Plugin {",
                "public class NoDefault implements Plugin {\n    public NoDefault(String s) { }\n");
        Path jar = PluginJar.create().source("p.NoDefault", code).services("p.NoDefault")
                .writeTo(dir.resolve("ctor.jar"));

        assertThatThrownBy(() -> PluginJarLoader.open(jar)).isInstanceOf(PluginException.class)
                .hasMessageContaining(jar.toString())
                .hasMessageContaining("cannot create the plugin p.NoDefault: a plugin class must be public, not"
                        + " abstract, with a public constructor without parameters");
    }

    @Test
    void aPluginWhoseConstructorFailsIsNamedWithTheCause() throws Exception {
        String code = typed("Failing", "X").replace("public class Failing implements Plugin {",
                "public class Failing implements Plugin {\n    public Failing() { throw new IllegalStateException(\"no"
                + " config\"); }\n");
        Path jar = PluginJar.create().source("p.Failing", code).services("p.Failing")
                .writeTo(dir.resolve("failing.jar"));

        assertThatThrownBy(() -> PluginJarLoader.open(jar)).isInstanceOf(PluginException.class)
                .hasMessageContaining(jar.toString()).hasMessageContaining("cannot create the plugin p.Failing")
                .hasMessageContaining("no config");
    }

    @Test
    void theJarIsOpenOnlyUntilTheLoaderCloses() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc");
        Path jar = PluginJar.create().source("p.Good", GOOD).services("p.Good").writeTo(dir.resolve("good.jar"));
        PluginJarLoader loader = PluginJarLoader.open(jar);
        assertThat(PluginJar.openDescriptors(jar)).isPositive();

        loader.close();

        assertThat(PluginJar.openDescriptors(jar)).isZero();
        assertThatThrownBy(() -> loader.classLoader().loadClass("p.Other"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void aRefusedJarIsClosed() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc");
        Path jar = PluginJar.create().source("p.Blank", typed("Blank", "")).services("p.Blank")
                .writeTo(dir.resolve("blank.jar"));

        assertThatThrownBy(() -> PluginJarLoader.open(jar)).isInstanceOf(PluginException.class);

        assertThat(PluginJar.openDescriptors(jar)).isZero();
    }

    @Test
    void jarsAreFoundInPluginsThenPlugin() throws Exception {
        Files.createDirectories(dir.resolve("plugins"));
        Files.createDirectories(dir.resolve("plugin"));
        Files.writeString(dir.resolve("plugins/b.jar"), "");
        Files.writeString(dir.resolve("plugins/a.jar"), "");
        Files.writeString(dir.resolve("plugins/list_nodes.yaml"), "");
        Files.writeString(dir.resolve("plugin/c.jar"), "");

        assertThat(PluginJarLoader.jarsIn(dir)).containsExactly(dir.resolve("plugins/a.jar"),
                dir.resolve("plugins/b.jar"), dir.resolve("plugin/c.jar"));
        assertThat(PluginJarLoader.jarsIn(dir.resolve("nothing"))).isEmpty();
    }
}
