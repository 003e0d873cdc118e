package io.sealer.core.internal.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sealer.api.PluginException;
import io.sealer.api.plugin.FakePluginContext;
import io.sealer.api.plugin.Phase;
import io.sealer.api.plugin.Plugin;
import io.sealer.api.plugin.PluginContext;
import io.sealer.api.spi.ExecResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {
    @TempDir
    Path dir;

    /** A plugin of a fixed type. */
    static class Fixed implements Plugin {
        private final String type;

        Fixed(String type) {
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public void run(PluginContext context, Phase phase) {
        }
    }

    static final class Shell extends Fixed {
        Shell() {
            super("SHELL");
        }
    }

    static final class OtherShell extends Fixed {
        OtherShell() {
            super("SHELL");
        }
    }

    static final class Hostname extends Fixed {
        Hostname() {
            super("HOSTNAME");
        }
    }

    private Path jar(String name, String className, String type) throws IOException {
        return PluginJar.create().source("p." + className, PluginJarLoaderTest.typed(className, type))
                .services("p." + className).writeTo(dir.resolve("image/plugins/" + name));
    }

    @Test
    void typesComeFromBuiltInsClassPathGivenPluginsAndImageJars() throws Exception {
        jar("good.jar", "Good", "GOOD");
        Plugin given = new Fixed("GIVEN");
        Plugin found = new Fixed("FOUND");
        try (PluginRegistry registry = PluginRegistry.forImage(List.of(new Shell()), List.of(given), List.of(found),
                dir.resolve("image"))) {
            assertThat(registry.types()).containsExactly("FOUND", "GIVEN", "GOOD", "SHELL");
            assertThat(registry.require("GIVEN", "doc")).isSameAs(given);
            assertThat(registry.require("FOUND", "doc")).isSameAs(found);
            assertThat(registry.describe("SHELL")).contains("the built-in plugin " + Shell.class.getName());
            assertThat(registry.describe("GOOD")).contains("the plugin p.Good of the image's jar "
                    + dir.resolve("image/plugins/good.jar"));
            FakePluginContext context = PluginJarLoaderTest.context("", new ExecResult(0, List.of("node1")));
            registry.require("GOOD", "doc").run(context, Phase.POST_INSTALL);
            assertThat(context.messages()).contains("node1");
        }
    }

    @Test
    void twoJarsWithOneTypeAreRefusedNamingBoth() throws Exception {
        Path a = jar("a.jar", "ListA", "LIST_NODE");
        Path b = jar("b.jar", "ListB", "LIST_NODE");

        assertThatThrownBy(() -> PluginRegistry.forImage(List.of(), List.of(), List.of(), dir.resolve("image")))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("LIST_NODE: two plugins claim this type: the plugin p.ListA of the image's jar "
                        + a + " and the plugin p.ListB of the image's jar " + b + "; remove one of them");
    }

    @Test
    void aJarCannotReplaceABuiltIn() throws Exception {
        Path shell = jar("shell.jar", "MyShell", "SHELL");

        assertThatThrownBy(() -> new PluginRegistry(List.of(new Shell()), List.of(), List.of(), List.of(shell)))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("the built-in plugin " + Shell.class.getName() + " and the plugin p.MyShell"
                        + " of the image's jar " + shell)
                .hasMessageContaining("a plugin jar of an image adds types; it cannot replace one");
    }

    @Test
    void aJarCannotReplaceAGivenPlugin() throws Exception {
        Path good = jar("good.jar", "Good", "GOOD");

        assertThatThrownBy(() -> new PluginRegistry(List.of(), List.of(new Fixed("GOOD")), List.of(), List.of(good)))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("given to the client builder and the plugin p.Good of the image's jar");
    }

    @Test
    void aGivenPluginReplacesABuiltInOrClassPathOne() {
        Plugin mine = new OtherShell();
        Plugin myHostname = new Fixed("HOSTNAME");
        try (PluginRegistry registry = new PluginRegistry(List.of(new Shell()), List.of(mine, myHostname),
                List.of(new Hostname()), List.of())) {
            assertThat(registry.require("SHELL", "doc")).isSameAs(mine);
            assertThat(registry.require("HOSTNAME", "doc")).isSameAs(myHostname);
            assertThat(registry.describe("SHELL")).contains("the plugin " + OtherShell.class.getName()
                    + " given to the client builder");
        }
    }

    @Test
    void aClassPathPluginClashingWithABuiltInIsRefused() {
        assertThatThrownBy(() -> new PluginRegistry(List.of(new Shell()), List.of(), List.of(new OtherShell()),
                List.of()))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("SHELL: two plugins claim this type: the built-in plugin "
                        + Shell.class.getName() + " and the class-path plugin " + OtherShell.class.getName()
                        + " from ");
    }

    @Test
    void twoGivenPluginsOfOneTypeAreRefused() {
        assertThatThrownBy(() -> new PluginRegistry(List.of(), List.of(new Shell(), new Shell()), List.of(),
                List.of()))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("give the client builder one plugin per type");
    }

    @Test
    void theSameClassFoundAsBuiltInAndOnTheClassPathCountsOnce() {
        Plugin builtIn = new Shell();
        try (PluginRegistry registry = new PluginRegistry(List.of(builtIn), List.of(), List.of(new Shell()),
                List.of())) {
            assertThat(registry.require("SHELL", "doc")).isSameAs(builtIn);
        }
    }

    @Test
    void aBlankTypeIsRefused() {
        assertThatThrownBy(() -> new PluginRegistry(List.of(), List.of(new Fixed(" ")), List.of(), List.of()))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("given to the client builder has a blank type()");
    }

    @Test
    void anUnknownTypeNamesTheDocumentAndListsTheKnownTypes() throws Exception {
        jar("good.jar", "Good", "GOOD");
        try (PluginRegistry registry = PluginRegistry.forImage(List.of(new Shell(), new Hostname()), List.of(),
                List.of(), dir.resolve("image"))) {
            assertThatThrownBy(() -> registry.require("LIST_NODE", "list_nodes"))
                    .isInstanceOf(PluginException.class)
                    .hasMessageStartingWith("list_nodes: no plugin has the type \"LIST_NODE\" this Plugin document"
                            + " names in spec.type; the known types are GOOD, HOSTNAME, SHELL");
            assertThatThrownBy(() -> registry.require("shell", "lower"))
                    .hasMessageContaining("(did you mean SHELL?)");
        }
    }

    @Test
    void closingTheRegistryClosesTheJars() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc");
        Path good = jar("good.jar", "Good", "GOOD");
        PluginRegistry registry = PluginRegistry.forImage(List.of(), List.of(), List.of(), dir.resolve("image"));
        assertThat(PluginJar.openDescriptors(good)).isPositive();

        registry.close();

        assertThat(PluginJar.openDescriptors(good)).isZero();
        assertThatThrownBy(() -> registry.require("GOOD", "doc")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRefusedRegistryClosesTheJarsItOpened() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc");
        Path a = jar("a.jar", "ListA", "LIST_NODE");
        Path b = jar("b.jar", "ListB", "LIST_NODE");

        assertThatThrownBy(() -> PluginRegistry.forImage(List.of(), List.of(), List.of(), dir.resolve("image")))
                .isInstanceOf(PluginException.class);

        assertThat(PluginJar.openDescriptors(a)).isZero();
        assertThat(PluginJar.openDescriptors(b)).isZero();
    }
}
