package io.sealer.core.internal.plugin.builtin;

import static io.sealer.api.plugin.FakePluginContext.exit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.PluginException;
import io.sealer.api.plugin.FakePluginContext;
import io.sealer.api.plugin.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ShellPluginTest {
    private static final String ROOTFS = "/var/lib/sealer/data/my-cluster/rootfs";

    private static FakePluginContext context(String data, String... hosts) {
        return new FakePluginContext(FakePluginContext.spec("list-nodes", "SHELL", data), List.of(hosts),
                "10.0.0.2");
    }

    @Test
    void runsFromTheRootfsOnEachTargetInTurnWithoutTheTrailingNewline() {
        FakePluginContext context = context("kubectl get nodes\n", "10.0.0.2", "10.0.0.3");

        new ShellPlugin().run(context, Phase.POST_INSTALL);

        assertThat(context.calls).extracting(Object::toString).containsExactly(
                "10.0.0.2: cd " + ROOTFS + " && kubectl get nodes",
                "10.0.0.3: cd " + ROOTFS + " && kubectl get nodes");
    }

    @Test
    void originallyRunsWithoutTheCdSinceTheRootfsIsNotThereYet() {
        FakePluginContext context = context("echo 1\necho 2\n\n", "10.0.0.2");

        new ShellPlugin().run(context, Phase.ORIGINALLY);

        assertThat(context.commandsOn("10.0.0.2")).containsExactly("echo 1\necho 2");
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = {"PRE_CLEAN", "PRE_CLEAN_HOST", "POST_CLEAN_HOST", "POST_CLEAN",
        "PRE_UNINSTALL", "POST_UNINSTALL"})
    void cleanPhasesSkipAHostWhoseRootfsIsGone(Phase phase) {
        FakePluginContext context = context("rm -rf /opt/app", "10.0.0.3");

        new ShellPlugin().run(context, phase);

        assertThat(context.commandsOn("10.0.0.3")).containsExactly(
                "if [ ! -d " + ROOTFS + " ]; then exit 0; fi; cd " + ROOTFS + " && rm -rf /opt/app");
    }

    @Test
    void theFirstFailingHostStopsThePluginWithHostStatusAndOutput() {
        FakePluginContext context = context("./check.sh", "10.0.0.2", "10.0.0.3", "10.0.0.4")
                .replyOn("10.0.0.3", "cd " + ROOTFS + " && ./check.sh", exit(3, "checking", "disk is full"));

        assertThatThrownBy(() -> new ShellPlugin().run(context, Phase.POST_INSTALL))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("list-nodes: SHELL: the shell commands in phase PostInstall on 10.0.0.3"
                        + " failed with exit status 3")
                .hasMessageContaining("checking\n  disk is full");
        assertThat(context.calls).extracting(FakePluginContext.Call::host).containsExactly("10.0.0.2", "10.0.0.3");
    }

    @Test
    void noTargetRunsNothing() {
        FakePluginContext context = context("echo hi");

        new ShellPlugin().run(context, Phase.POST_INSTALL);

        assertThat(context.calls).isEmpty();
    }

    @Test
    void emptyDataIsAnError() {
        assertThatThrownBy(() -> new ShellPlugin().run(context("\n", "10.0.0.2"), Phase.POST_INSTALL))
                .isInstanceOf(PluginException.class)
                .hasMessage("list-nodes: SHELL data: empty; expected the shell commands to run");
    }

    @Test
    void anUnusualRootfsIsQuoted() {
        assertThat(ShellPlugin.command(Phase.POST_INSTALL, "/data/my cluster/rootfs", "ls"))
                .isEqualTo("cd '/data/my cluster/rootfs' && ls");
    }
}
