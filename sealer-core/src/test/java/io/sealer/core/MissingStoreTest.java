package io.sealer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.ImageNotFoundException;
import io.sealer.api.build.BuildRequest;
import io.sealer.api.image.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store root where no store was ever made (a mistyped {@code --root}): looking, tagging, removing, pruning,
 * saving and pushing find nothing there and create nothing; building and loading make the store.
 */
class MissingStoreTest {
    @TempDir
    Path tmp;

    @Test
    void readingAndChangingOperationsLeaveTheRootUntouched() {
        Path root = tmp.resolve("typo/store");
        try (SealerClient client = SealerClient.builder().storeRoot(root).build()) {
            ImageService images = client.images();

            assertThat(images.list()).isEmpty();
            assertThat(images.find("app:1")).isEmpty();
            assertThat(images.find("app:1", Platform.LINUX_ARM64)).isEmpty();
            assertThat(images.prune().images()).isEmpty();
            assertNoStore(() -> images.inspect("app:1"), "app:1", root);
            assertNoStore(() -> images.tag("app:1", "app:2"), "app:1", root);
            assertNoStore(() -> images.remove("app:1"), "app:1", root);
            assertNoStore(() -> images.remove("app:1", Platform.LINUX_AMD64), "app:1", root);
            assertNoStore(() -> images.save(tmp.resolve("out.tar"), List.of("app:1")), "app:1", root);
            assertNoStore(() -> client.registry().push("127.0.0.1:5000/app:1"), "127.0.0.1:5000/app:1", root);
        }
        assertThat(tmp.resolve("typo")).doesNotExist();
        assertThat(tmp.resolve("out.tar")).doesNotExist();
    }

    @Test
    void aBuildMakesTheStoreAndTheOperationsThenSeeIt() throws IOException {
        Path root = tmp.resolve("store");
        Path context = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(context.resolve("Kubefile"), "FROM scratch\n");
        try (SealerClient client = SealerClient.builder().storeRoot(root).build()) {
            client.builds().build(BuildRequest.builder(context).tag("app:1").build());

            assertThat(client.images().list()).hasSize(1);
            assertThat(client.images().inspect("app:1")).hasSize(1);
            assertThatThrownBy(() -> client.images().inspect("other:1")).isInstanceOf(ImageNotFoundException.class)
                    .hasMessageContaining("not found in the local store");
        }
    }

    private static void assertNoStore(ThrowingCallable call, String image, Path root) {
        assertThatThrownBy(call).as(image).isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining(image).hasMessageContaining("there is no image store at " + root);
    }
}
