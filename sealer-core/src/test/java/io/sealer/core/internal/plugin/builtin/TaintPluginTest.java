package io.sealer.core.internal.plugin.builtin;

import static io.sealer.api.plugin.FakePluginContext.exit;
import static io.sealer.api.plugin.FakePluginContext.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.PluginException;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.plugin.FakePluginContext;
import io.sealer.api.plugin.Phase;
import io.sealer.core.internal.kubectl.NodeRow;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaintPluginTest {
    /** sealer's {@code taint_plugin_test.go TestTaint_formatData}, case "1". */
    private static final String UPSTREAM_VALID = "192.168.56.3 addKey1=addValue1:NoSchedule\n"
            + "192.168.56.2 delKey1=delValue1:NoSchedule-\n192.168.56.3 addKey2=:NoSchedule\n"
            + "192.168.56.1 delKey2=:NoSchedule-\n192.168.56.2 addKey3:NoSchedule\n192.168.56.4 delKey3:NoSchedule-\n";

    private static PluginSpec spec(String data) {
        return FakePluginContext.spec("taints", "TAINT", data);
    }

    private static FakePluginContext context(String data, String... hosts) {
        FakePluginContext context = new FakePluginContext(spec(data), List.of(hosts), "192.168.56.1");
        for (int i = 1; i <= 4; i++) {
            context.nodeNames.put("192.168.56." + i, "node-" + i);
        }
        return context;
    }

    @Test
    void upstreamValidBlockParses() {
        assertThat(TaintPlugin.parse(spec(UPSTREAM_VALID))).extracting(r -> r.line().number() + " " + r.ips() + " "
                + r.taint()).containsExactly(
                "1 [192.168.56.3] Taint[key=addKey1, value=addValue1, effect=NoSchedule, remove=false]",
                "2 [192.168.56.2] Taint[key=delKey1, value=, effect=NoSchedule, remove=true]",
                "3 [192.168.56.3] Taint[key=addKey2, value=, effect=NoSchedule, remove=false]",
                "4 [192.168.56.1] Taint[key=delKey2, value=, effect=NoSchedule, remove=true]",
                "5 [192.168.56.2] Taint[key=addKey3, value=, effect=NoSchedule, remove=false]",
                "6 [192.168.56.4] Taint[key=delKey3, value=, effect=NoSchedule, remove=true]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.56.3 addKey1==addValue1:NoSchedule\n",
        "192.168.56.3 addKey1=add:Value1:NoSchedule\n", "192.168.56.3 =addValue1:NoSchedule\n",
        "192.168.56.3 addKey1=addValue1:\n"})
    void upstreamErrorRowsAreErrorsOnLine1(String data) {
        assertThatThrownBy(() -> TaintPlugin.parse(spec(data)))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("taints: TAINT data line 1 '" + data.strip() + "': ");
    }

    @Test
    void upstreamValidBlockRunsOneKubectlTaintPerLineOnMaster0() {
        FakePluginContext context = context(UPSTREAM_VALID, "192.168.56.1", "192.168.56.2", "192.168.56.3",
                "192.168.56.4");

        new TaintPlugin().run(context, Phase.PRE_GUEST);

        assertThat(context.calls).extracting(Object::toString).containsExactly(
                "192.168.56.1: kubectl taint node node-3 addKey1=addValue1:NoSchedule --overwrite",
                "192.168.56.1: kubectl taint node node-2 delKey1:NoSchedule- --overwrite",
                "192.168.56.1: kubectl taint node node-3 addKey2:NoSchedule --overwrite",
                "192.168.56.1: kubectl taint node node-1 delKey2:NoSchedule- --overwrite",
                "192.168.56.1: kubectl taint node node-2 addKey3:NoSchedule --overwrite",
                "192.168.56.1: kubectl taint node node-4 delKey3:NoSchedule- --overwrite");
    }

    @Test
    void listsRangesAndKeyRemovalOnTheTargetsOnly() {
        FakePluginContext context = context("""
                  # dedicated nodes
                192.168.56.2,192.168.56.4 dedicated=gpu:NoExecute

                192.168.56.1-192.168.56.3   example.com/old-
                """, "192.168.56.2", "192.168.56.3");

        new TaintPlugin().run(context, Phase.POST_INSTALL);

        assertThat(context.calls).extracting(FakePluginContext.Call::command).containsExactly(
                "kubectl taint node node-2 dedicated=gpu:NoExecute --overwrite",
                "kubectl taint node node-2 example.com/old- --overwrite",
                "kubectl taint node node-3 example.com/old- --overwrite");
    }

    @Test
    void removingATaintTheNodeDoesNotHaveIsNoError() {
        FakePluginContext context = context("192.168.56.2 gone:NoSchedule-", "192.168.56.2")
                .reply("kubectl taint node node-2 gone:NoSchedule- --overwrite",
                        exit(1, "error: taint \"gone:NoSchedule\" not found"));

        assertThatCode(() -> new TaintPlugin().run(context, Phase.PRE_GUEST)).doesNotThrowAnyException();
        assertThat(context.logs).anyMatch(l -> l.contains("has no taint gone:NoSchedule to remove"));
    }

    @Test
    void otherKubectlFailuresAreErrorsNamingNodeAndLine() {
        FakePluginContext context = context("\n192.168.56.2 a=b:NoSchedule", "192.168.56.2")
                .reply("kubectl taint node node-2 a=b:NoSchedule --overwrite",
                        exit(1, "error: You must be logged in to the server (Unauthorized)"));

        assertThatThrownBy(() -> new TaintPlugin().run(context, Phase.PRE_GUEST))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("taints: TAINT: tainting node node-2 (192.168.56.2, data line 2) with"
                        + " a=b:NoSchedule on 192.168.56.1 failed with exit status 1")
                .hasMessageContaining("Unauthorized");
    }

    @Test
    void unknownNodeNamesComeFromKubectlOnMaster0() {
        FakePluginContext context = new FakePluginContext(spec("10.0.0.3 a=b:NoSchedule"), List.of("10.0.0.3"),
                "10.0.0.2").reply(NodeRow.WIDE_COMMAND, ok(LabelPluginTest.NODES_WIDE));

        new TaintPlugin().run(context, Phase.PRE_GUEST);

        assertThat(context.commandsOn("10.0.0.2")).containsExactly(NodeRow.WIDE_COMMAND,
                "kubectl taint node node-1 a=b:NoSchedule --overwrite");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "192.168.56.2                                | 1 | expected 'IPs taint' (2 fields), found 1",
        "\\n192.168.56.2 a=b:NoSchedule extra        | 2 | expected 'IPs taint' (2 fields), found 3",
        "192.168.56.2 a=b:NoSchedule\\n1.2.3 a:NoSchedule | 2 | is not an IP address",
        "192.168.56.9-192.168.56.2 a:NoSchedule      | 1 | ends before it starts",
        "192.168.56.2 a=b:Sometimes                  | 1 | effect 'Sometimes' is not one of NoExecute",
        "192.168.56.2 a=b                            | 1 | expected key=value:Effect, key:Effect",
        "192.168.56.2 -a=b:NoSchedule                | 1 | key '-a' is not a qualified name",
        "192.168.56.2 a=b/c:NoSchedule               | 1 | value 'b/c' is not a label value",
    })
    void badLinesAreErrorsNamingTheLine(String data, int line, String problem) {
        FakePluginContext context = context(data.replace("\\n", "\n"), "192.168.56.2");

        assertThatThrownBy(() -> new TaintPlugin().run(context, Phase.PRE_GUEST))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("taints: TAINT data line " + line + " '")
                .hasMessageContaining(problem);
        assertThat(context.calls).isEmpty();
    }
}
