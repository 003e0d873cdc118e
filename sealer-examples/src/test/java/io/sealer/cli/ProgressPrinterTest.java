package io.sealer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.event.Progress;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Subject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
    @Test
    void printsTheOperationsPeopleFollowIndentedAndSkipsBlobs() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress top = Progress.to(ProgressPrinter.to(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        Progress build = top.start(OperationKind.BUILD, Subject.NONE, "building app:1");
        Progress image = build.start(OperationKind.IMAGE, Subject.NONE, "building app:1 for linux/amd64");
        Progress copy = image.start(OperationKind.INSTRUCTION, Subject.NONE, "COPY x x");
        copy.finished("layer sha256:1");
        Progress cache = image.start(OperationKind.REGISTRY_CACHE, Subject.NONE, "caching 1 container image(s)");
        Progress discovery = cache.start(OperationKind.DISCOVERY, Subject.NONE, "finding");
        Progress nginx = discovery.start(OperationKind.CONTAINER_IMAGE, Subject.NONE, "caching nginx");
        Progress blob = nginx.start(OperationKind.BLOB, Subject.NONE, "downloading");
        blob.progressed(1, 2);
        blob.finished("downloaded");
        nginx.warning("manifests/a.yaml:3", "odd image");
        nginx.failed("401 Unauthorized");
        discovery.finished("done");
        cache.finished("done");
        image.finished("stored sha256:2");
        build.failed("it broke");
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "building app:1",
                "  building app:1 for linux/amd64",
                "    COPY x x",
                "    -> layer sha256:1",
                "    caching 1 container image(s)",
                "      caching nginx",
                "warning: manifests/a.yaml:3: odd image",
                "      -> failed",
                "  -> stored sha256:2",
                "-> failed");
    }

    @Test
    void aWarningThatNamesItsLocationIsNotPrefixedTwice() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress top = Progress.to(ProgressPrinter.to(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        top.warning("Kubefile", "Kubefile:3: empty line");
        top.warning("", "no location");
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("warning: Kubefile:3: empty line", "warning: no location");
    }
}
