package io.sealer.core.internal.build;

import io.sealer.api.build.BuildRequest;

import io.sealer.api.SealerException;
import io.sealer.api.image.Platform;
import io.sealer.core.SealerClient;
import io.sealer.api.image.ImageSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Child process of {@link DiskFullTest}, run on a tiny file system: builds a small image, then one too large for the
 * disk, and reports what the store holds afterwards.
 */
public final class DiskFullMain {
    private DiskFullMain() {
    }

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[0]);
        SealerClient client = SealerClient.builder().storeRoot(store).platform(Platform.LINUX_AMD64).build();
        client.builds().build(BuildRequest.builder(Path.of(args[1])).cacheImages(false).tag("small:1").build());
        try {
            client.builds().build(BuildRequest.builder(Path.of(args[2])).cacheImages(false).tag("big:1").build());
            System.out.println("ERROR none");
        } catch (SealerException e) {
            System.out.println("ERROR " + e.getClass().getSimpleName() + ": " + e.getMessage().replace('\n', ' '));
        }
        for (ImageSummary row : client.images().list()) {
            System.out.println("IMAGE " + row.name());
        }
        client.images().prune();
        try (Stream<Path> tmp = Files.list(store.resolve("tmp"))) {
            System.out.println("TMP " + tmp.count());
        }
        client.builds().build(BuildRequest.builder(Path.of(args[1])).cacheImages(false).tag("small:2").build());
        System.out.println("REBUILT");
    }
}
