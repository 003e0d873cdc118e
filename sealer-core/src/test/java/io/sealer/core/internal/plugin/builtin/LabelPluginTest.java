package io.sealer.core.internal.plugin.builtin;

import static io.sealer.api.plugin.FakePluginContext.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.PluginException;
import io.sealer.api.plugin.FakePluginContext;
import io.sealer.api.plugin.Phase;
import io.sealer.core.internal.kubectl.NodeRow;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelPluginTest {
    static final String[] NODES_WIDE = {
        "master-0   Ready    control-plane   10d   v1.27.3   10.0.0.2   <none>   Ubuntu 22.04.3 LTS   5.15.0-91-generic"
            + "   containerd://1.6.24",
        "node-1     Ready    <none>          10d   v1.27.3   10.0.0.3   <none>   Ubuntu 22.04.3 LTS   5.15.0-91-generic"
            + "   containerd://1.6.24",
        "node-2     NotReady <none>          10d   v1.27.3   10.0.0.4   <none>   Ubuntu 22.04.3 LTS   5.15.0-91-generic"
            + "   containerd://1.6.24"};

    private static FakePluginContext context(String data, String... hosts) {
        return new FakePluginContext(FakePluginContext.spec("labels", "LABEL", data), List.of(hosts), "10.0.0.2")
                .reply(NodeRow.WIDE_COMMAND, ok(NODES_WIDE));
    }

    @Test
    void labelsTheTargetsOnMaster0ByNodeName() {
        FakePluginContext context = context("""
                10.0.0.3 ssd=true,zone=a
                # not a target
                10.0.0.4 ssd=false
                10.0.0.2 node-role.kubernetes.io/ingress=,example.com/tier=front
                """, "10.0.0.2", "10.0.0.3");
        context.nodeNames.put("10.0.0.3", "worker-one");

        new LabelPlugin().run(context, Phase.PRE_GUEST);

        assertThat(context.calls).extracting(Object::toString).containsExactly(
                "10.0.0.2: kubectl label node worker-one ssd=true zone=a --overwrite",
                "10.0.0.2: " + NodeRow.WIDE_COMMAND,
                "10.0.0.2: kubectl label node master-0 node-role.kubernetes.io/ingress= example.com/tier=front"
                        + " --overwrite");
    }

    @Test
    void aRangeLabelsEachTargetInIt() {
        FakePluginContext context = context("10.0.0.2-10.0.0.4 gpu=none", "10.0.0.3", "10.0.0.4");

        new LabelPlugin().run(context, Phase.POST_INSTALL);

        assertThat(context.calls).extracting(FakePluginContext.Call::command).containsExactly(
                NodeRow.WIDE_COMMAND,
                "kubectl label node node-1 gpu=none --overwrite",
                "kubectl label node node-2 gpu=none --overwrite");
        assertThat(context.count(NodeRow.WIDE_COMMAND)).isEqualTo(1);
    }

    @Test
    void aTargetThatIsNoNodeIsAnError() {
        FakePluginContext context = context("10.0.0.7 a=b", "10.0.0.7");

        assertThatThrownBy(() -> new LabelPlugin().run(context, Phase.PRE_GUEST))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("labels: LABEL: no node of the cluster has INTERNAL-IP 10.0.0.7")
                .hasMessageContaining("[10.0.0.2, 10.0.0.3, 10.0.0.4]");
    }

    @Test
    void isSkippedWithAWarningBeforeTheClusterExists() {
        FakePluginContext context = context("10.0.0.3 a=b", "10.0.0.3");

        new LabelPlugin().run(context, Phase.PRE_INIT);

        assertThat(context.calls).isEmpty();
        assertThat(context.logs).anyMatch(l -> l.startsWith("WARNING") && l.contains("skipped in phase PreInit"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "10.0.0.3                          | 1 | expected 'IP key=value[,key2=value2...]' (2 fields), found 1",
        "\\n10.0.0.3 a=b c=d               | 2 | (2 fields), found 3",
        "10.0.0.x a=b                      | 1 | is not an IP address",
        "10.0.0.3 a=b,c                    | 1 | 'c' is not key=value",
        "10.0.0.3 -a=b                     | 1 | key '-a' is not a qualified name",
        "10.0.0.3 Example.com/a=b          | 1 | the prefix of key 'Example.com/a' is not a DNS subdomain",
        "10.0.0.3 a=b@c                    | 1 | value 'b@c' is not a label value",
        "10.0.0.3 a=b,a=c                  | 1 | label key 'a' is given twice",
    })
    void badLinesAreErrorsNamingTheLine(String data, int line, String problem) {
        FakePluginContext context = context(data.replace("\\n", "\n"), "10.0.0.3");

        assertThatThrownBy(() -> new LabelPlugin().run(context, Phase.PRE_GUEST))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("labels: LABEL data line " + line + " '")
                .hasMessageContaining(problem);
        assertThat(context.calls).isEmpty();
    }

    @Test
    void aValueLongerThan63CharactersIsRefused() {
        FakePluginContext context = context("10.0.0.3 a=" + "v".repeat(64), "10.0.0.3");

        assertThatThrownBy(() -> new LabelPlugin().run(context, Phase.PRE_GUEST))
                .hasMessageContaining("is not a label value (empty, or at most 63");
    }
}
