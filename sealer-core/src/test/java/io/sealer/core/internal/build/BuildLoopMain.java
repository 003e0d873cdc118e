package io.sealer.core.internal.build;

import io.sealer.api.build.BuildRequest;

import io.sealer.api.image.Platform;
import io.sealer.core.SealerClient;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child process of {@link BuildCrashTest}: builds the context again and again under new names, changing a file each
 * time so every build writes new layers, and prints {@code built N} after each.
 */
public final class BuildLoopMain {
    private BuildLoopMain() {
    }

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[0]);
        Path context = Path.of(args[1]);
        SealerClient client = SealerClient.builder().storeRoot(store).platform(Platform.LINUX_AMD64).build();
        for (int i = 0; ; i++) {
            Files.writeString(context.resolve("data/counter.txt"), "build " + i + " of " + ProcessHandle.current().pid());
            client.builds().build(BuildRequest.builder(context).cacheImages(false).tag("crash:" + i).build());
            System.out.println("built " + i);
            System.out.flush();
        }
    }
}
