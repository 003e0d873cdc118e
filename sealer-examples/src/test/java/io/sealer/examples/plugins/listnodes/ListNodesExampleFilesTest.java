package io.sealer.examples.plugins.listnodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.cluster.ClusterDocuments;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.kubefile.Copy;
import io.sealer.api.kubefile.From;
import io.sealer.api.kubefile.Kubefile;
import io.sealer.core.SealerClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of examples/list-nodes-plugin read as the SDK reads them. */
class ListNodesExampleFilesTest {
    private static final Path EXAMPLE = Path.of("examples/list-nodes-plugin");

    @TempDir
    Path store;

    @Test
    void thePluginDocumentSelectsTheListNodePluginAfterInstall() {
        try (SealerClient sealer = SealerClient.builder().storeRoot(store).build()) {
            ClusterDocuments documents = sealer.clusters().loadDocuments(EXAMPLE.resolve("list_nodes.yaml"));

            assertThat(documents.plugins()).containsExactly(new PluginSpec("list_nodes", ListNodesPlugin.TYPE,
                    List.of("PostInstall"), "", ""));
        }
    }

    @Test
    void theKubefileCopiesTheDocumentAndTheJarIntoPlugins() {
        try (SealerClient sealer = SealerClient.builder().storeRoot(store).build()) {
            Kubefile kubefile = sealer.builds().parse(EXAMPLE.resolve("Kubefile"));

            assertThat(kubefile.instructions()).hasSize(3);
            assertThat(((From) kubefile.instructions().get(0)).image()).isEqualTo("kubernetes:v1.19.8");
            assertThat(kubefile.instructions().subList(1, 3)).allSatisfy(i -> assertThat(((Copy) i).destination())
                    .isEqualTo("plugins"));
            assertThat(kubefile.instructions().subList(1, 3)).extracting(i -> ((Copy) i).sources())
                    .containsExactly(List.of("list_nodes.yaml"), List.of("list-nodes.jar"));
        }
    }
}
