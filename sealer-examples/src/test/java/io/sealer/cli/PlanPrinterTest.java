package io.sealer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealer.api.cluster.ApplyResult;
import io.sealer.api.cluster.ClusterPlan;
import io.sealer.api.cluster.HostOutcome;
import io.sealer.api.cluster.PlannedStep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dry run's text and JSON, and the summary after an apply, from hand-made plans and results. */
class PlanPrinterTest {
    private static final ClusterPlan PLAN = new ClusterPlan("demo", "kubernetes:v1.19.8", ClusterPlan.CREATE, List.of(
            new PlannedStep("distribute/rootfs@10.0.0.2", "distribute", "10.0.0.2", "send", "send the rootfs",
                    "/var/lib/sealer/data/demo/rootfs", List.of()),
            new PlannedStep("distribute/rootfs@10.0.0.3", "distribute", "10.0.0.3", "send", "send the rootfs",
                    "/var/lib/sealer/data/demo/rootfs", List.of()),
            new PlannedStep("init-master0/kubeadm-init@10.0.0.2", "init-master0", "10.0.0.2", "exec",
                    "kubeadm init", "cd /var/lib/sealer/data/demo/rootfs && kubeadm init --config kubeadm.yaml\n"
                            + "  --upload-certs", List.of("distribute/rootfs@10.0.0.2")),
            new PlannedStep("join-nodes/kubeadm-join@10.0.0.3", "join-nodes", "10.0.0.3", "exec", "join the node",
                    "kubeadm join apiserver.cluster.local:6443 --token <token> registry_password=hunter2",
                    List.of("init-master0/kubeadm-init@10.0.0.2")),
            new PlannedStep("post-install/hook@10.0.0.2", "post-install", "10.0.0.2", "hook", "", "PostInstall",
                    List.of())),
            List.of("platforms not yet detected: linux/amd64 assumed", "hostnames not yet known"));

    @Test
    void textListsEveryStepInPlanOrderWithItsCommandIndentedAndTheNotes() {
        assertThat(PlanPrinter.text(PLAN)).isEqualTo("""
                cluster demo: create, image kubernetes:v1.19.8, 5 steps on 2 hosts

                STEP                                HOST      PHASE         KIND  DESCRIPTION
                    COMMAND
                distribute/rootfs@10.0.0.2          10.0.0.2  distribute    send  send the rootfs
                    -> /var/lib/sealer/data/demo/rootfs
                distribute/rootfs@10.0.0.3          10.0.0.3  distribute    send  send the rootfs
                    -> /var/lib/sealer/data/demo/rootfs

                init-master0/kubeadm-init@10.0.0.2  10.0.0.2  init-master0  exec  kubeadm init
                    $ cd /var/lib/sealer/data/demo/rootfs && kubeadm init --config kubeadm.yaml
                        --upload-certs

                join-nodes/kubeadm-join@10.0.0.3    10.0.0.3  join-nodes    exec  join the node
                    $ kubeadm join apiserver.cluster.local:6443 --token <token> registry_password=***

                post-install/hook@10.0.0.2          10.0.0.2  post-install  hook
                    hook PostInstall

                Notes:
                - platforms not yet detected: linux/amd64 assumed
                - hostnames not yet known
                """);
    }

    @Test
    void anEmptyPlanSaysThereIsNothingToDo() {
        ClusterPlan none = new ClusterPlan("demo", "kubernetes:v1.19.8", ClusterPlan.NONE, List.of(), List.of());
        assertThat(PlanPrinter.text(none))
                .isEqualTo("cluster demo: nothing to do, it already matches (image kubernetes:v1.19.8)\n");
        ClusterPlan delete = new ClusterPlan("demo", null, ClusterPlan.DELETE, List.of(
                new PlannedStep("reset/kubeadm-reset@10.0.0.2", "reset", "10.0.0.2", "exec", "", "kubeadm reset -f",
                        List.of())), List.of());
        assertThat(PlanPrinter.text(delete)).startsWith("cluster demo: delete, 1 step on 1 host\n")
                .contains("    $ kubeadm reset -f\n").doesNotContain("Notes");
    }

    @Test
    void jsonIsThePlanAsAProgramReadsIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PlanPrinter.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), PLAN, PlanPrinter.Format.json);
        JsonNode json = new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8));
        assertThat(json.get("cluster").asText()).isEqualTo("demo");
        assertThat(json.get("image").asText()).isEqualTo("kubernetes:v1.19.8");
        assertThat(json.get("kind").asText()).isEqualTo("create");
        assertThat(json.get("hosts")).hasSize(2);
        assertThat(json.get("hosts").get(0).asText()).isEqualTo("10.0.0.2");
        assertThat(json.get("steps")).hasSize(5);
        JsonNode init = json.get("steps").get(2);
        assertThat(init.get("id").asText()).isEqualTo("init-master0/kubeadm-init@10.0.0.2");
        assertThat(init.get("phase").asText()).isEqualTo("init-master0");
        assertThat(init.get("host").asText()).isEqualTo("10.0.0.2");
        assertThat(init.get("kind").asText()).isEqualTo("exec");
        assertThat(init.get("description").asText()).isEqualTo("kubeadm init");
        assertThat(init.get("command").asText()).endsWith("kubeadm.yaml\n  --upload-certs");
        assertThat(init.get("after")).hasSize(1);
        assertThat(init.get("after").get(0).asText()).isEqualTo("distribute/rootfs@10.0.0.2");
        assertThat(json.get("steps").get(3).get("command").asText()).endsWith("registry_password=***");
        assertThat(json.get("notes").get(1).asText()).isEqualTo("hostnames not yet known");
        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("cluster", "image", "kind", "steps",
                "notes", "hosts");
        assertThat(json.get("steps").get(0).fieldNames()).toIterable().containsExactlyInAnyOrder("id", "phase",
                "host", "kind", "description", "command", "after");
    }

    @Test
    void theSummaryCountsStepsRunAndResumedPerHostAndTheTime() {
        ApplyResult result = new ApplyResult(PLAN, List.of(
                new HostOutcome("10.0.0.2", List.of("a", "b", "c"), List.of("x", "y")),
                new HostOutcome("10.0.0.13", List.of("a"), List.of())), Duration.ofSeconds(252));
        assertThat(ApplySummary.text(result)).isEqualTo("""
                cluster demo: create finished in 4m12s: 4 steps run, 2 resumed from an earlier run on 2 hosts
                  10.0.0.2   3 steps run, 2 resumed
                  10.0.0.13  1 step run
                """);
        ClusterPlan none = new ClusterPlan("demo", "k:1", ClusterPlan.NONE, List.of(), List.of());
        assertThat(ApplySummary.text(new ApplyResult(none, List.of(), Duration.ofMillis(120))))
                .isEqualTo("cluster demo: nothing to do, it already matches (120ms)\n");
        assertThat(ApplySummary.time(Duration.ofMillis(12_340))).isEqualTo("12.3s");
        assertThat(ApplySummary.time(Duration.ofSeconds(3852))).isEqualTo("1h04m12s");
    }
}
