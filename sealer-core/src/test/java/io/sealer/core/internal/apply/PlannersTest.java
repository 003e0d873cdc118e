package io.sealer.core.internal.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.ClusterfileException;
import io.sealer.api.cluster.ClusterPlan;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.image.Application;
import io.sealer.api.image.ImageConfig;
import io.sealer.core.internal.clusterfile.ClusterfileParser;
import io.sealer.core.internal.plan.InstallPlan;
import io.sealer.core.internal.plan.Step;
import io.sealer.core.internal.plan.StepAction;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannersTest {
    private static final String ID = "sha256:" + "ab".repeat(32);

    private static Clusterfile clusterfile(String hosts, String extra) {
        return new ClusterfileParser().parse("Clusterfile", """
                apiVersion: sealer.io/v2
                kind: Cluster
                metadata:
                  name: demo
                spec:
                  image: kubernetes:v1.19.8
                  ssh:
                    passwd: "000000"
                  hosts:
                """ + hosts + extra);
    }

    private static final String ONE_THREE_TWO = """
                  - ips: [10.0.0.1, 10.0.0.2, 10.0.0.3]
                    roles: [master]
                  - ips: [10.0.0.4, 10.0.0.5]
                    roles: [node]
                """;

    private static PlanInput input(Clusterfile file, boolean seautil, boolean app, ImageConfig config,
            Set<String> phases) {
        List<PluginSpec> plugins = phases.isEmpty() ? List.of()
                : List.of(new PluginSpec("p1", "SHELL", List.copyOf(new java.util.TreeSet<>(phases)), "", "echo"));
        Map<String, RootfsViews> views = new LinkedHashMap<>();
        for (String ip : file.cluster().allIps()) {
            views.put(ip, new RootfsViews(Path.of("/views/rootfs"), ID + "+1", Path.of("/views/registry"),
                    ID + "+registry"));
        }
        KubeadmFiles kubeadm = new KubeadmFiles() {
            @Override
            public String initConfig() {
                return "kind: InitConfiguration";
            }

            @Override
            public String joinConfig(String host, boolean controlPlane, String endpoint) {
                return "kind: JoinConfiguration # " + host + " " + controlPlane + " " + endpoint + " @@token@@";
            }
        };
        return new PlanInput(file, new ImageFacts("kubernetes:v1.19.8", ID, config, seautil, app), views, kubeadm,
                plugins);
    }

    private static Step step(InstallPlan plan, String id) {
        return plan.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow(() ->
                new AssertionError("no step " + id + " in " + plan.steps().stream().map(Step::id).toList()));
    }

    /** Whether {@code later} depends, directly or not, on {@code earlier}. */
    private static boolean dependsOn(InstallPlan plan, String later, String earlier) {
        Map<String, Step> byId = new HashMap<>();
        plan.steps().forEach(s -> byId.put(s.id(), s));
        Set<String> seen = new HashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(byId.get(later).after());
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (id.equals(earlier)) {
                return true;
            }
            if (seen.add(id)) {
                todo.addAll(byId.get(id).after());
            }
        }
        return false;
    }

    @Test
    void createInitsMaster0ThenJoinsMastersOneAtATimeThenNodes() {
        InstallPlan plan = CreatePlanner.plan(input(clusterfile(ONE_THREE_TWO, ""), true, false, ImageConfig.EMPTY,
                Set.of()));
        assertThat(plan.kind()).isEqualTo(ClusterPlan.CREATE);
        String init = "init-master0/kubeadm-init@10.0.0.1";
        assertThat(((StepAction.Exec) step(plan, init).action()).script())
                .startsWith("kubeadm init --config=/etc/kubernetes/kubeadm.yaml --upload-certs");
        assertThat(dependsOn(plan, "join-masters/kubeadm-join@10.0.0.2", init)).isTrue();
        assertThat(dependsOn(plan, "join-masters/kubeadm-join@10.0.0.3", "join-masters/kubeadm-join@10.0.0.2"))
                .isTrue();
        assertThat(dependsOn(plan, "join-nodes/kubeadm-join@10.0.0.4", "join-masters/kubeadm-join@10.0.0.3"))
                .isTrue();
        assertThat(dependsOn(plan, "join-nodes/kubeadm-join@10.0.0.5", "join-nodes/kubeadm-join@10.0.0.4"))
                .as("nodes join in parallel").isFalse();
        for (String config : List.of("join-masters/config@10.0.0.2", "join-masters/config@10.0.0.3",
                "join-nodes/config@10.0.0.4", "join-nodes/config@10.0.0.5")) {
            assertThat(dependsOn(plan, config, init)).as("%s holds the token kubeadm init prints", config).isTrue();
        }
        for (String ip : List.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5")) {
            assertThat(step(plan, "distribute/rootfs@" + ip).action()).isInstanceOf(StepAction.SendTree.class);
            assertThat(((StepAction.Exec) step(plan, "init/init.sh@" + ip).action()).script())
                    .isEqualTo("cd /var/lib/sealer/data/demo/rootfs && chmod +x scripts/* && cd scripts"
                            + " && bash init.sh /var/lib/docker sea.hub 5000");
        }
        // ha is sealer's default: a registry on every master; nodes resolve sea.hub to master0
        assertThat(plan.steps()).filteredOn(s -> s.id().startsWith("registry/init-registry.sh@"))
                .extracting(Step::host).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
        assertThat(((StepAction.Exec) step(plan, "registry/hosts@10.0.0.4").action()).script())
                .contains("'10.0.0.1 sea.hub'");
        assertThat(((StepAction.Exec) step(plan, "join-nodes/ipvs@10.0.0.4").action()).script())
                .contains("seautil ipvs --vs 10.103.97.2:6443 --rs 10.0.0.1:6443 --rs 10.0.0.2:6443"
                        + " --rs 10.0.0.3:6443");
        assertThat(((StepAction.SendFile) step(plan, "join-nodes/config@10.0.0.4").action()).content())
                .contains("10.103.97.2:6443").contains("@@token@@");
        assertThat(plan.view().steps().stream().filter(s -> s.id().equals("join-nodes/config@10.0.0.4"))
                .findFirst().orElseThrow().command()).doesNotContain("@@");
    }

    @Test
    void withoutSeautilNodesReachMaster0DirectlyAndGetNoLvscare() {
        InstallPlan plan = CreatePlanner.plan(input(clusterfile(ONE_THREE_TWO, ""), false, false,
                ImageConfig.EMPTY, Set.of()));
        assertThat(plan.steps()).noneMatch(s -> s.id().contains("ipvs") || s.id().contains("lvscare"));
        assertThat(((StepAction.Exec) step(plan, "join-nodes/apiserver-hosts@10.0.0.5").action()).script())
                .contains("'10.0.0.1 apiserver.cluster.local'");
    }

    @Test
    void guestRunsParentAndOwnCommandsOnceWithArgsAndLaunchedApps() {
        ImageConfig config = new ImageConfig(Map.of("Version", "1.2"), Map.of(), Map.of(),
                List.of("kubectl apply -f manifests/app-${Version}.yaml", "kubectl apply -f calico.yaml"),
                List.of("kubectl apply -f calico.yaml"),
                List.of(new Application("web", "kube", List.of("a.yaml", "b.yaml"), Map.of(), List.of())),
                List.of("web"), "");
        InstallPlan plan = CreatePlanner.plan(input(clusterfile(ONE_THREE_TWO, """
                  cmd_args: [Version=2.0]
                """), true, false, config, Set.of()));
        assertThat(plan.steps()).filteredOn(s -> s.phase().equals("guest"))
                .extracting(s -> ((StepAction.Exec) s.action()).script()).containsExactly(
                        "cd /var/lib/sealer/data/demo/rootfs && kubectl apply -f calico.yaml",
                        "cd /var/lib/sealer/data/demo/rootfs && kubectl apply -f manifests/app-2.0.yaml",
                        "cd /var/lib/sealer/data/demo/rootfs && kubectl apply -f application/apps/web/a.yaml"
                                + " && kubectl apply -f application/apps/web/b.yaml");
        assertThat(plan.steps()).filteredOn(s -> s.phase().equals("guest")).allMatch(s -> s.host().equals("10.0.0.1")
                && dependsOn(plan, s.id(), "join-nodes/lvscare@10.0.0.5"));
    }

    @Test
    void hooksOnlyForPhasesWithPluginDocuments() {
        InstallPlan plan = CreatePlanner.plan(input(clusterfile(ONE_THREE_TWO, ""), true, false, ImageConfig.EMPTY,
                Set.of("PostInstall", "pre-init-host")));
        assertThat(plan.steps()).filteredOn(s -> s.action() instanceof StepAction.Hook)
                .extracting(Step::id).containsExactly("hook/pre-init-host/p1@10.0.0.1", "hook/PostInstall/p1@10.0.0.1");
        assertThat(dependsOn(plan, "init/init.sh@10.0.0.4", "hook/pre-init-host/p1@10.0.0.1")).isTrue();
        assertThat(dependsOn(plan, "hook/pre-init-host/p1@10.0.0.1", "distribute/rootfs@10.0.0.5")).isTrue();
        assertThat(dependsOn(plan, "hook/PostInstall/p1@10.0.0.1", "join-nodes/lvscare@10.0.0.4")).isTrue();
        assertThat(((StepAction.Hook) step(plan, "hook/PostInstall/p1@10.0.0.1").action()).targets())
                .containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5");
    }

    @Test
    void planFingerprintIsStableAndChangesWithTheHosts() {
        InstallPlan a = CreatePlanner.plan(input(clusterfile(ONE_THREE_TWO, ""), true, false, ImageConfig.EMPTY,
                Set.of()));
        InstallPlan b = CreatePlanner.plan(input(clusterfile(ONE_THREE_TWO, ""), true, false, ImageConfig.EMPTY,
                Set.of()));
        InstallPlan c = CreatePlanner.plan(input(clusterfile("""
                  - ips: [10.0.0.1]
                    roles: [master]
                """, ""), true, false, ImageConfig.EMPTY, Set.of()));
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
    }

    @Test
    void scaleUpJoinsOnlyNewHostsWithAFreshToken() {
        Clusterfile saved = clusterfile(ONE_THREE_TWO, "");
        Clusterfile wanted = clusterfile(ONE_THREE_TWO + """
                  - ips: [10.0.0.6]
                    roles: [node]
                """, "");
        InstallPlan plan = ScalePlanner.plan(saved.cluster(), input(wanted, true, false, ImageConfig.EMPTY,
                Set.of()), Map.of());
        assertThat(plan.kind()).isEqualTo(ClusterPlan.SCALE_UP);
        assertThat(plan.view().hosts()).containsExactly("10.0.0.6", "10.0.0.1");
        assertThat(((StepAction.Exec) step(plan, "join/token@10.0.0.1").action()).script())
                .isEqualTo("kubeadm token create --print-join-command");
        assertThat(dependsOn(plan, "join-nodes/kubeadm-join@10.0.0.6", "join/token@10.0.0.1")).isTrue();
        assertThat(dependsOn(plan, "join-nodes/config@10.0.0.6", "join/token@10.0.0.1"))
                .as("the join configuration holds the fresh token").isTrue();
    }

    @Test
    void scaleDownDrainsFromMaster0ThenResetsAndCleansTheHost() {
        Clusterfile saved = clusterfile(ONE_THREE_TWO, "");
        Clusterfile wanted = clusterfile("""
                  - ips: [10.0.0.1, 10.0.0.2, 10.0.0.3]
                    roles: [master]
                  - ips: [10.0.0.4]
                    roles: [node]
                """, "");
        InstallPlan plan = ScalePlanner.plan(saved.cluster(), input(wanted, true, false, ImageConfig.EMPTY,
                Set.of()), Map.of("10.0.0.5", "worker-5"));
        assertThat(plan.kind()).isEqualTo(ClusterPlan.SCALE_DOWN);
        assertThat(((StepAction.Exec) step(plan, "scale-down/delete-node-10.0.0.5@10.0.0.1").action()).script())
                .contains("kubectl drain worker-5").contains("kubectl delete node worker-5");
        assertThat(dependsOn(plan, "scale-down/reset@10.0.0.5", "scale-down/delete-node-10.0.0.5@10.0.0.1"))
                .isTrue();
        assertThat(((StepAction.Exec) step(plan, "scale-down/clean@10.0.0.5").action()).script())
                .endsWith("rm -rf /var/lib/sealer/data/demo");
    }

    @Test
    void scaleRefusesToMoveMaster0OrChangeARole() {
        Clusterfile saved = clusterfile(ONE_THREE_TWO, "");
        Clusterfile swapped = clusterfile("""
                  - ips: [10.0.0.2, 10.0.0.1, 10.0.0.3]
                    roles: [master]
                  - ips: [10.0.0.4, 10.0.0.5]
                    roles: [node]
                """, "");
        assertThatThrownBy(() -> ScalePlanner.plan(saved.cluster(), input(swapped, true, false, ImageConfig.EMPTY,
                Set.of()), Map.of())).isInstanceOf(ClusterfileException.class).hasMessageContaining("master0");
        Clusterfile promoted = clusterfile("""
                  - ips: [10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4]
                    roles: [master]
                  - ips: [10.0.0.5]
                    roles: [node]
                """, "");
        assertThatThrownBy(() -> ScalePlanner.plan(saved.cluster(), input(promoted, true, false,
                ImageConfig.EMPTY, Set.of()), Map.of())).isInstanceOf(ClusterfileException.class)
                .hasMessageContaining("10.0.0.4 changes role");
    }

    @Test
    void deleteResetsEveryHostAndRemovesOnlyTheClusterDirectory() {
        InstallPlan plan = DeletePlanner.plan(clusterfile(ONE_THREE_TWO, "").cluster(), List.of());
        assertThat(plan.kind()).isEqualTo(ClusterPlan.DELETE);
        assertThat(plan.steps()).filteredOn(s -> s.id().startsWith("delete/clean@")).hasSize(5)
                .allMatch(s -> ((StepAction.Exec) s.action()).script().endsWith("rm -rf /var/lib/sealer/data/demo"));
        assertThat(plan.steps()).filteredOn(s -> s.id().startsWith("delete/registry@")).extracting(Step::host)
                .containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
    }

    @Test
    void appImageGoesToMaster0AndLoadsItsImagesIntoTheRunningRegistry() {
        ImageConfig config = new ImageConfig(Map.of(), Map.of(), Map.of(), List.of("kubectl apply -f app.yaml"),
                List.of(), List.of(), List.of(), "");
        InstallPlan plan = AppPlanner.plan(input(clusterfile(ONE_THREE_TWO, ""), true, true, config, Set.of()));
        String appDir = "/var/lib/sealer/data/demo/apps/abababababab";
        assertThat(((StepAction.SendTree) step(plan, "distribute/app@10.0.0.1").action()).remoteDir())
                .isEqualTo(appDir);
        assertThat(((StepAction.Exec) step(plan, "guest/cmd-1@10.0.0.1").action()).script())
                .isEqualTo("cd " + appDir + " && kubectl apply -f app.yaml");
        assertThat(plan.steps()).filteredOn(s -> s.id().startsWith("registry/load-app@")).hasSize(3);
        assertThat(plan.view().hosts()).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
    }

    @Test
    void hostileNamesAndDataRootsAreRefusedBeforeAnyPlan() {
        for (String name : List.of("", ".", "..", "a/b", "../x", " ", "a b", "x;rm")) {
            assertThatThrownBy(() -> new ClusterPaths("/var/lib/sealer/data", name))
                    .as(name).isInstanceOf(ClusterfileException.class).hasMessageContaining("metadata.name");
        }
        for (String root : List.of("/", "", "relative/dir", "/var/../etc", "/var//lib", "/var/lib/", "/a/$(x)")) {
            assertThatThrownBy(() -> new ClusterPaths(root, "demo"))
                    .as(root).isInstanceOf(ClusterfileException.class).hasMessageContaining("spec.dataRoot");
        }
        assertThat(new ClusterPaths("/data", "demo").clusterDir()).isEqualTo("/data/demo");
    }

    @Test
    void hostLabelsAndTaintsAreSetFromMaster0OnceTheNodeJoined() {
        InstallPlan plan = CreatePlanner.plan(input(clusterfile("""
                  - ips: [10.0.0.1]
                    roles: [master]
                  - ips: [10.0.0.4]
                    roles: [node]
                    labels:
                      disk: ssd
                    taints: ["dedicated=db:NoSchedule"]
                """, ""), true, false, ImageConfig.EMPTY, Set.of()));
        Step labels = step(plan, "node-metadata/labels-10.0.0.4@10.0.0.1");
        assertThat(((StepAction.Exec) labels.action()).script()).isEqualTo(
                "kubectl label node @@hostname:10.0.0.4@@ 'disk=ssd' --overwrite"
                        + " && kubectl taint node @@hostname:10.0.0.4@@ 'dedicated=db:NoSchedule' --overwrite");
        assertThat(dependsOn(plan, labels.id(), "join-nodes/kubeadm-join@10.0.0.4")).isTrue();
        assertThat(dependsOn(plan, labels.id(), "join-nodes/node-name@10.0.0.4")).isTrue();
    }
}
