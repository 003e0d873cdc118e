package io.sealer.core.internal.store;

import io.sealer.api.image.Platform;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Child process of {@link StoreCrashTest}: commits images into the store given as the first argument in an endless
 * loop (adding layers, replacing tags, removing images), printing {@code committed <id>} after each commit, until
 * it is killed.
 */
public final class StoreCrashChild {
    private StoreCrashChild() {
    }

    public static void main(String[] args) {
        Random random = new Random(Long.parseLong(args[1]));
        try (ImageStore store = ImageStore.open(Path.of(args[0]))) {
            for (int i = 0; i < 100_000; i++) {
                StoredLayer base = StoreFixtures.layer(store, Map.of("bin/kubeadm", "kubeadm", "etc/hosts", "h"));
                byte[] noise = new byte[64 * 1024 + random.nextInt(64 * 1024)];
                random.nextBytes(noise);
                StoredLayer own = StoreFixtures.layer(store, Map.of(
                        "data/" + i + ".bin", new String(noise, java.nio.charset.StandardCharsets.ISO_8859_1),
                        "data/index", Integer.toString(i)));
                String id = store.commit(StoreFixtures.image("crash/app:v" + (i % 4), Platform.LINUX_AMD64,
                        base, own)).id();
                if (i % 3 == 2) {
                    try {
                        store.rmi("crash/app:v" + ((i + 2) % 4), Optional.empty());
                    } catch (io.sealer.api.ImageNotFoundException e) {
                        // not committed yet
                    }
                }
                System.out.println("committed " + id);
                System.out.flush();
            }
        }
    }
}
