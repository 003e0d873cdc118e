package io.sealer.core.internal.plugin.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.plugin.Plugin;
import org.junit.jupiter.api.Test;

class BuiltinPluginsTest {
    @Test
    void allHasEachOfSealersV1TypesOnce() {
        assertThat(BuiltinPlugins.all()).extracting(Plugin::type)
                .containsExactly("SHELL", "HOSTNAME", "LABEL", "TAINT", "CLUSTERCHECK", "ETCD");
    }
}
