package io.sealer.core.internal.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sealer.api.PluginException;
import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.event.Progress;
import io.sealer.api.plugin.Phase;
import io.sealer.api.plugin.Plugin;
import io.sealer.api.plugin.PluginContext;
import io.sealer.core.internal.clusterfile.ClusterfileParser;
import io.sealer.core.internal.plan.Facts;
import io.sealer.core.internal.plan.Step;
import io.sealer.core.internal.plan.StepAction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PluginHooksTest {
    private static final Cluster CLUSTER = new ClusterfileParser().parse("Clusterfile", """
            apiVersion: sealer.io/v2
            kind: Cluster
            metadata:
              name: demo
            spec:
              image: kubernetes:v1.19.8
              hosts:
              - ips: [10.0.0.1]
                roles: [master]
              - ips: [10.0.0.2]
                roles: [node]
            """).cluster();
    private static final PluginSpec SPEC = new PluginSpec("probe", "PROBE", List.of("PostInstall"), "node", "x");
    private static final StepAction.Hook HOOK = new StepAction.Hook("PostInstall", "probe", "PROBE",
            List.of("10.0.0.2"));
    private static final Step STEP = new Step("hook/PostInstall/probe@10.0.0.1", "hook", "10.0.0.1", "probe", HOOK,
            List.of());

    private static PluginHooks hooks(Plugin plugin, Duration timeout) {
        HostSessions sessions = host -> {
            throw new AssertionError("no session expected");
        };
        return new PluginHooks((type, document) -> plugin, List.of(SPEC), CLUSTER, Path.of("/image"), sessions,
                timeout);
    }

    private static Plugin plugin(PluginBody body) {
        return new Plugin() {
            @Override
            public String type() {
                return "PROBE";
            }

            @Override
            public void run(PluginContext context, Phase phase) throws Exception {
                body.run(context, phase);
            }
        };
    }

    @Test
    void thePluginSeesItsDocumentTargetsPhaseAndNodeNames() {
        AtomicReference<String> seen = new AtomicReference<>();
        hooks(plugin((context, phase) -> seen.set(context.spec().name() + " " + phase + " " + context.hosts() + " "
                + context.rootfs() + " " + context.nodeName("10.0.0.2").orElse("?") + " " + context.master0())),
                Duration.ofSeconds(5)).run(STEP, HOOK, Facts.of(Map.of(Facts.hostname("10.0.0.2"), "worker")),
                Progress.NONE);

        assertThat(seen.get()).isEqualTo("probe POST_INSTALL [10.0.0.2] /var/lib/sealer/data/demo/rootfs worker"
                + " 10.0.0.1");
    }

    @Test
    void aThrowingPluginFailsNamingItselfItsTypeAndPhaseWithoutTheSecrets() {
        PluginException failure = catchThrowableOfType(() -> hooks(plugin((context, phase) -> {
            throw new IllegalStateException("token s3cr3t.t0ken rejected");
        }), Duration.ofSeconds(5)).run(STEP, HOOK, Facts.of(Map.of(Facts.TOKEN, "s3cr3t.t0ken")), Progress.NONE),
                PluginException.class);

        assertThat(failure.getMessage()).contains("probe", "PROBE", "PostInstall", "IllegalStateException")
                .doesNotContain("s3cr3t.t0ken");
    }

    @Test
    void aPluginThatOutlastsTheStepTimeoutFailsAndIsInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        PluginException failure = catchThrowableOfType(() -> hooks(plugin((context, phase) -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        }), Duration.ofMillis(200)).run(STEP, HOOK, Facts.none(), Progress.NONE), PluginException.class);

        assertThat(failure.getMessage()).contains("probe", "did not finish within");
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the plugin's thread is interrupted").isTrue();
    }

    @Test
    void aCommandOnAHostOutsideTheClusterIsRefused() {
        PluginException failure = catchThrowableOfType(() -> hooks(plugin((context, phase) ->
                context.exec("192.168.9.9", "true")), Duration.ofSeconds(5)).run(STEP, HOOK, Facts.none(),
                Progress.NONE), PluginException.class);

        assertThat(failure.getMessage()).contains("192.168.9.9 is not a host of cluster demo");
    }

    private interface PluginBody {
        void run(PluginContext context, Phase phase) throws Exception;
    }
}
