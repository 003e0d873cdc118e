package io.sealer.core.internal.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.ClusterfileException;
import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.plugin.Phase;
import io.sealer.core.internal.clusterfile.ClusterfileParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginTargetsTest {
    private static final Clusterfile FILE = new ClusterfileParser().parse("Clusterfile", """
            apiVersion: sealer.io/v2
            kind: Cluster
            metadata:
              name: demo
            spec:
              image: kubernetes:v1.19.8
              hosts:
              - ips: [10.0.0.1, 10.0.0.2]
                roles: [master]
              - ips: [10.0.0.3]
                roles: [node, db]
                labels:
                  disk: ssd
              - ips: [10.0.0.4, 10.0.0.5]
                roles: [node]
            ---
            apiVersion: sealer.io/v1
            kind: Plugin
            metadata:
              name: from-file
            spec:
              type: SHELL
              action: PostInstall
              data: echo file
            """);
    private static final Cluster CLUSTER = FILE.cluster();
    private static final List<String> ALL = CLUSTER.allIps();

    private static List<String> select(String action, String scope) {
        PluginSpec spec = new PluginSpec("p", "SHELL", List.of(action), scope, "true");
        return PluginTargets.select(spec, Phase.parse(action).orElseThrow(), ALL, CLUSTER);
    }

    @Test
    void rolesMaster0IpsRangesAndLabels() {
        assertThat(select("PostInstall", "master")).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(select("PostInstall", "node")).containsExactly("10.0.0.3", "10.0.0.4", "10.0.0.5");
        assertThat(select("PostInstall", "db")).containsExactly("10.0.0.3");
        assertThat(select("PostInstall", "master0")).containsExactly("10.0.0.1");
        assertThat(select("PostInstall", "master|db")).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
        assertThat(select("PostInstall", "10.0.0.5,10.0.0.2")).containsExactly("10.0.0.2", "10.0.0.5");
        assertThat(select("PostInstall", "10.0.0.2-10.0.0.4")).containsExactly("10.0.0.2", "10.0.0.3", "10.0.0.4");
        assertThat(select("PostInstall", "disk=ssd")).containsExactly("10.0.0.3");
        assertThat(select("PostInstall", "disk=hdd")).isEmpty();
        assertThat(select("PostInstall", "")).as("no selector: every host of the phase").isEqualTo(ALL);
    }

    @Test
    void v2ClusterPhasesRunOnMaster0WhateverTheScope() {
        assertThat(select("post-install", "node")).containsExactly("10.0.0.1");
        assertThat(select("pre-uninstall", "")).containsExactly("10.0.0.1");
        assertThat(select("post-init-host", "node")).containsExactly("10.0.0.3", "10.0.0.4", "10.0.0.5");
    }

    @Test
    void onlyHostsOfThePhaseAreTargeted() {
        PluginSpec spec = new PluginSpec("p", "SHELL", List.of("PreJoin"), "node", "true");
        assertThat(PluginTargets.select(spec, Phase.PRE_JOIN, List.of("10.0.0.5"), CLUSTER))
                .containsExactly("10.0.0.5");
    }

    @Test
    void aBadSelectorNamesTheDocumentAndField() {
        assertThatThrownBy(() -> select("PostInstall", "10.0.0.9-10.0.0.1"))
                .isInstanceOf(ClusterfileException.class).hasMessageContaining("Plugin p")
                .hasMessageContaining("spec.scope");
        assertThatThrownBy(() -> select("PostInstall", "=ssd")).isInstanceOf(ClusterfileException.class)
                .hasMessageContaining("label selector");
    }

    @Test
    void clusterfileDocumentsComeFirstAndReplaceImageDocumentsOfTheSameName() {
        PluginSpec image = new PluginSpec("from-file", "SHELL", List.of("PostInstall"), "", "echo image");
        PluginSpec other = new PluginSpec("image-only", "SHELL", List.of("PreInit"), "", "echo other");
        List<PluginSpec> all = PluginDocuments.of(FILE, List.of(image, other));
        assertThat(all).extracting(PluginSpec::name).containsExactly("from-file", "image-only");
        assertThat(all.get(0).data()).contains("echo file");
        PluginSpec unnamed = new PluginSpec("", "SHELL", List.of("PreInit"), "", "echo x");
        assertThat(PluginDocuments.of(FILE, List.of(unnamed, unnamed))).extracting(PluginSpec::name)
                .containsExactly("from-file", "shell-1");
    }
}
