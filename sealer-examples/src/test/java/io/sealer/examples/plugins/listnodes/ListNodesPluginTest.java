package io.sealer.examples.plugins.listnodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.PluginException;
import io.sealer.api.plugin.FakePluginContext;
import io.sealer.api.plugin.Phase;
import io.sealer.api.plugin.Plugin;
import io.sealer.api.spi.ExecResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ListNodesPluginTest {
    private static final List<String> NODES = List.of(
            "NAME           STATUS   ROLES    AGE   VERSION",
            "master-1       Ready    master   2m    v1.19.8",
            "node-1         Ready    <none>   1m    v1.19.8");

    /** A context with one master whose kubectl answers {@code result}; it records commands and log lines. */
    private static FakePluginContext context(ExecResult result) {
        return FakePluginContext.onMaster0(FakePluginContext.spec("list_nodes", "LIST_NODE", "")).otherwise(result);
    }

    @Test
    void afterInstallItRunsKubectlOnMaster0AndLogsEachLine() {
        FakePluginContext context = context(new ExecResult(0, NODES));

        new ListNodesPlugin().run(context, Phase.POST_INSTALL);

        assertThat(context.commands()).containsExactly("192.168.0.2: kubectl get nodes");
        assertThat(context.logs).containsExactly(NODES.stream().map(l -> "INFO " + l).toArray(String[]::new));
    }

    @Test
    void aFailingKubectlFailsThePluginWithItsStatusAndOutput() {
        FakePluginContext context = context(new ExecResult(1,
                List.of("The connection to the server localhost:8080 was refused")));

        assertThatThrownBy(() -> new ListNodesPlugin().run(context, Phase.POST_INSTALL))
                .isInstanceOf(PluginException.class)
                .hasMessage("LIST_NODE: \"kubectl get nodes\" exited with status 1 on 192.168.0.2: The connection to"
                        + " the server localhost:8080 was refused");
    }

    @Test
    void inOtherPhasesItOnlyWarns() {
        FakePluginContext context = context(new ExecResult(0, NODES));

        new ListNodesPlugin().run(context, Phase.PRE_INIT);

        assertThat(context.commands()).isEmpty();
        assertThat(context.logs).containsExactly(
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
