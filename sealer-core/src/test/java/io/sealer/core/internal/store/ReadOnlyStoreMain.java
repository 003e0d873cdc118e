package io.sealer.core.internal.store;

import io.sealer.api.SealerException;
import io.sealer.api.image.ImageSummary;
import java.nio.file.Path;

/** Child process of {@link ReadOnlyStoreTest}: lists a store on read-only media, then tries to change it. */
public final class ReadOnlyStoreMain {
    private ReadOnlyStoreMain() {
    }

    public static void main(String[] args) {
        try (ImageStore store = ImageStore.open(Path.of(args[0]))) {
            for (ImageSummary row : store.list()) {
                System.out.println("IMAGE " + row.name());
            }
            System.out.println("INSPECT " + store.inspect(args[1]).get(0).id());
            try {
                store.tag(args[1], "other:1");
                System.out.println("TAGGED");
            } catch (SealerException e) {
                System.out.println("ERROR " + e.getClass().getSimpleName() + " " + e.getMessage());
            }
        }
    }
}
