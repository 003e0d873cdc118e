package io.sealer.core.internal.plugin.builtin;

import static io.sealer.api.plugin.FakePluginContext.exit;
import static io.sealer.api.plugin.FakePluginContext.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.PluginException;
import io.sealer.api.plugin.FakePluginContext;
import io.sealer.api.plugin.Phase;
import io.sealer.core.internal.kubectl.NodeRow;
import io.sealer.core.internal.kubectl.PodRow;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterCheckPluginTest {
    private static final String NODES = NodeRow.COMMAND;
    private static final String PODS = PodRow.command("kube-system");
    private final FakeClock clock = new FakeClock();

    private static FakePluginContext context(String data) {
        return new FakePluginContext(FakePluginContext.spec("check", "CLUSTERCHECK", data), List.of("10.0.0.2"),
                "10.0.0.2");
    }

    private ClusterCheckPlugin plugin() {
        return new ClusterCheckPlugin(clock, clock.sleeper());
    }

    @Test
    void succeedsOnThePollThatSeesEveryNodeAndKubeSystemPodReady() {
        FakePluginContext context = context("").reply(NODES,
                exit(1, "The connection to the server 10.0.0.2:6443 was refused - did you specify the right host?"),
                ok("master-0   NotReady   control-plane   10s   v1.27.3"),
                ok("master-0   Ready   control-plane   40s   v1.27.3", "node-1   Ready   <none>   5s   v1.27.3"))
                .reply(PODS,
                        ok("coredns-5d78c9869d-2xq8k   0/1   Pending   0   30s"),
                        ok("coredns-5d78c9869d-2xq8k   0/1   Running   0   60s"),
                        ok("coredns-5d78c9869d-2xq8k   1/1   Running   0   90s",
                                "etcd-master-0   1/1   Running   2 (40s ago)   90s",
                                "kube-proxy-init-x7   0/1   Completed   0   90s"));

        plugin().run(context, Phase.PRE_GUEST);

        assertThat(context.count(NODES)).isEqualTo(4);
        assertThat(context.calls).allMatch(c -> c.host().equals("10.0.0.2"));
        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(30));
        assertThat(context.logs).anyMatch(l -> l.contains("waiting for the cluster to be ready: not ready: node"
                + " master-0 (NotReady), pod kube-system/coredns-5d78c9869d-2xq8k (Pending, 0/1 ready)"));
        assertThat(context.logs).anyMatch(l -> l.endsWith("waiting for the cluster to be ready: not ready: pod"
                + " kube-system/coredns-5d78c9869d-2xq8k (Running, 0/1 ready)"));
        assertThat(context.logs).last().asString().endsWith("the cluster is ready");
    }

    @Test
    void timesOutNamingTheNodesAndPodsNotReady() {
        FakePluginContext context = context("timeout: 2m\ninterval: 45s").reply(NODES,
                ok("master-0   Ready   control-plane   1h   v1.27.3", "node-1   NotReady   <none>   1h   v1.27.3"))
                .reply(PODS, ok("coredns-abc   1/1   Running   0   1h",
                        "calico-node-x   0/1   CrashLoopBackOff  5  1h"));

        assertThatThrownBy(() -> plugin().run(context, Phase.POST_INSTALL))
                .isInstanceOf(PluginException.class)
                .hasMessage("check: CLUSTERCHECK: the cluster is not ready after 2m (4 polls, every 45s): not ready:"
                        + " node node-1 (NotReady), pod kube-system/calico-node-x (CrashLoopBackOff, 0/1 ready)");
        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(45), Duration.ofSeconds(45),
                Duration.ofSeconds(30));
    }

    @Test
    void anEmptyKubeSystemIsNotReady() {
        FakePluginContext context = context("timeout: 30s\ninterval: 30s")
                .reply(NODES, ok("master-0   Ready   control-plane   1h   v1.27.3"))
                .reply(PODS, ok());

        assertThatThrownBy(() -> plugin().run(context, Phase.PRE_GUEST))
                .hasMessageEndingWith("(2 polls, every 30s): not ready: kube-system has no pod yet");
    }

    @Test
    void aTimeoutWhileKubectlFailsSaysWhyAndWhatThePollBeforeSaw() {
        String notReady = "master-0   NotReady   control-plane   1h   v1.27.3";
        FakePluginContext context = context("timeout: 1m").reply(NODES, ok(notReady), ok(notReady),
                exit(1, "Unable to connect to the server: net/http: TLS handshake timeout"))
                .reply(PODS, ok("coredns-abc   1/1   Running   0   1h"));

        assertThatThrownBy(() -> plugin().run(context, Phase.PRE_GUEST))
                .hasMessage("check: CLUSTERCHECK: the cluster is not ready after 1m (3 polls, every 30s): kubectl get"
                        + " nodes on 10.0.0.2 failed with exit status 1: Unable to connect to the server: net/http: TLS"
                        + " handshake timeout; the poll before: not ready: node master-0 (NotReady)");
    }

    @Test
    void defaultsAre15MinutesEvery30Seconds() {
        FakePluginContext context = context("# defaults").reply(NODES, ok("m   NotReady   control-plane   1h   v1"));

        assertThatThrownBy(() -> plugin().run(context, Phase.PRE_GUEST)).hasMessageContaining("after 15m (31 polls,"
                + " every 30s)");
        assertThat(clock.sleeps).hasSize(30).containsOnly(Duration.ofSeconds(30));
    }

    @Test
    void quotedValuesAndCompositeDurationsAreRead() {
        ClusterCheckPlugin.Settings settings = ClusterCheckPlugin.Settings.parse(FakePluginContext.spec("check",
                "CLUSTERCHECK", "timeout: \"1h30m\"\ninterval: '1.5s'  \n"));

        assertThat(settings).isEqualTo(new ClusterCheckPlugin.Settings(Duration.ofMinutes(90),
                Duration.ofMillis(1500)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "timeout: 15                     | 1 | expected a positive duration such as 30s, 15m or 1h30m",
        "interval: 0s                    | 1 | expected a positive duration",
        "\\ntimeout 15m                  | 2 | expected 'key: value' with a key among [interval, timeout]",
        "retries: 3                      | 1 | unknown key 'retries'; expected one of [interval, timeout]",
        "timeout: 1m\\ntimeout: 2m       | 2 | 'timeout' is already set on line 1",
    })
    void badDataIsAnErrorNamingTheLineBeforeAnyCommand(String data, int line, String problem) {
        FakePluginContext context = context(data.replace("\\n", "\n"));

        assertThatThrownBy(() -> plugin().run(context, Phase.PRE_GUEST))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("check: CLUSTERCHECK data line " + line + " '")
                .hasMessageContaining(problem);
        assertThat(context.calls).isEmpty();
    }

    @Test
    void interruptionStopsWaiting() {
        FakePluginContext context = context("").reply(NODES, ok("m   NotReady   control-plane   1h   v1"));
        ClusterCheckPlugin plugin = new ClusterCheckPlugin(clock, d -> {
            throw new InterruptedException();
        });

        assertThatThrownBy(() -> plugin.run(context, Phase.PRE_GUEST)).hasMessageContaining("interrupted");
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void isSkippedWhenThereIsNoClusterYet() {
        FakePluginContext context = context("");

        plugin().run(context, Phase.ORIGINALLY);

        assertThat(context.calls).isEqualTo(Collections.emptyList());
    }
}
