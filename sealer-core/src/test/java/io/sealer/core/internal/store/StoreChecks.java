package io.sealer.core.internal.store;

import io.sealer.api.image.ImageSummary;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Layer;
import io.sealer.core.internal.layer.ReproducibleTar;
import java.util.Optional;

/** Assertions about a whole store. */
final class StoreChecks {
    private StoreChecks() {
    }

    /** Every listed image resolves, and each of its layers is present with the recorded size and digest. */
    static void assertComplete(ImageStore store) {
        for (ImageSummary row : store.list()) {
            ClusterImage image = store.resolve(row.name(), Optional.of(row.platform()));
            assertThat(image.id()).isEqualTo(row.id());
            assertThat(store.resolve(row.id(), Optional.of(row.platform())).id()).isEqualTo(row.id());
            for (Layer layer : image.layers()) {
                if (layer.id() == null) {
                    continue;
                }
                assertThat(store.layer(layer.id())).as("layer %s of %s", layer.id(), row.name())
                        .hasValueSatisfying(l -> assertThat(l.size()).isEqualTo(layer.size()));
                assertThat(ReproducibleTar.digest(store.layerPath(layer.id())).id()).isEqualTo(layer.id());
            }
        }
    }
}
