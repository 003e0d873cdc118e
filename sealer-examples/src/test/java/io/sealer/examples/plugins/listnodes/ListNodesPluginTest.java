package io.sealer.examples.plugins.listnodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.PluginException;
import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.plugin.Phase;
import io.sealer.api.plugin.Plugin;
import io.sealer.api.plugin.PluginContext;
import io.sealer.api.spi.ExecResult;
import io.sealer.api.spi.RemoteCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ListNodesPluginTest {
    private static final List<String> NODES = List.of(
            "NAME           STATUS   ROLES    AGE   VERSION",
            "master-1       Ready    master   2m    v1.19.8",
            "node-1         Ready    <none>   1m    v1.19.8");

    /** A plugin context with one master and a scripted kubectl; records commands and log lines. */
    static final class FakeContext implements PluginContext {
        final List<String> commands = new ArrayList<>();
        final List<String> logged = new ArrayList<>();
        private final ExecResult result;

        FakeContext(ExecResult result) {
            this.result = result;
        }

        @Override
        public PluginSpec spec() {
            return new PluginSpec("list_nodes", "LIST_NODE", List.of("PostInstall"), "", "");
        }

        @Override
        public Cluster cluster() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> hosts() {
            return List.of(master0());
        }

        @Override
        public String master0() {
            return "192.168.0.2";
        }

        @Override
        public String rootfs() {
            return "/var/lib/sealer/data/my-cluster/rootfs";
        }

        @Override
        public Path imageFiles() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ExecResult exec(String host, String command) {
            commands.add(host + ": " + command);
            return result;
        }

        @Override
        public ExecResult exec(String host, RemoteCommand command) {
            return exec(host, command.command());
        }

        @Override
        public void upload(String host, Path local, String remotePath) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void download(String host, String remotePath, Path local) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> nodeName(String host) {
            return Optional.empty();
        }

        @Override
        public System.Logger logger() {
            return new System.Logger() {
                @Override
                public String getName() {
                    return "list_nodes";
                }

                @Override
                public boolean isLoggable(Level level) {
                    return true;
                }

                @Override
                public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
                    logged.add(level + " " + msg);
                }

                @Override
                public void log(Level level, ResourceBundle bundle, String format, Object... params) {
                    logged.add(level + " " + (params == null || params.length == 0 ? format
                            : MessageFormat.format(format, params)));
                }
            };
        }
    }

    @Test
    void afterInstallItRunsKubectlOnMaster0AndLogsEachLine() {
        FakeContext context = new FakeContext(new ExecResult(0, NODES));

        new ListNodesPlugin().run(context, Phase.POST_INSTALL);

        assertThat(context.commands).containsExactly("192.168.0.2: kubectl get nodes");
        assertThat(context.logged).containsExactly(NODES.stream().map(l -> "INFO " + l).toArray(String[]::new));
    }

    @Test
    void aFailingKubectlFailsThePluginWithItsStatusAndOutput() {
        FakeContext context = new FakeContext(new ExecResult(1,
                List.of("The connection to the server localhost:8080 was refused")));

        assertThatThrownBy(() -> new ListNodesPlugin().run(context, Phase.POST_INSTALL))
                .isInstanceOf(PluginException.class)
                .hasMessage("LIST_NODE: \"kubectl get nodes\" exited with status 1 on 192.168.0.2: The connection to"
                        + " the server localhost:8080 was refused");
    }

    @Test
    void inOtherPhasesItOnlyWarns() {
        FakeContext context = new FakeContext(new ExecResult(0, NODES));

        new ListNodesPlugin().run(context, Phase.PRE_INIT);

        assertThat(context.commands).isEmpty();
        assertThat(context.logged).containsExactly(
                "WARNING LIST_NODE lists nodes after install (action: PostInstall); nothing to do in PreInit");
    }

    @Test
    void itsTypeIsTheOneOfTheDocsPluginDocument() throws Exception {
        assertThat(new ListNodesPlugin().type()).isEqualTo("LIST_NODE");
        assertThat(Files.readString(Path.of("examples/list-nodes-plugin/list_nodes.yaml")))
                .contains("type: LIST_NODE").contains("action: PostInstall");
    }

    @Test
    void itIsRegisteredInThePluginJarOnlyNotOnTheClassPath() throws Exception {
        assertThat(Files.readAllLines(Path.of("src/list-nodes-plugin/META-INF/services/"
                + Plugin.class.getName()))).containsExactly(ListNodesPlugin.class.getName());
        assertThat(ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::type))
                .doesNotContain(ListNodesPlugin.class);
    }
}
