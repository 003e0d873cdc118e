package io.sealer.core.internal.build;

import io.sealer.api.build.BuildRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.BuildException;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import io.sealer.core.SealerClient;
import io.sealer.core.internal.store.ImageStore;
import io.sealer.core.internal.store.StoreEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildEngineTest {
    @TempDir
    Path tmp;

    private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

    private SealerClient client(Path store) {
        return SealerClient.builder().storeRoot(store).platform(Platform.LINUX_AMD64).listener(events::add).build();
    }

    private Path context(String kubefile) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(dir.resolve("Kubefile"), kubefile);
        return dir;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private ClusterImage build(Path store, Path context, String tag) {
        return client(store).builds().build(BuildRequest.builder(context).cacheImages(false).tag(tag).build()).get(0);
    }

    private static Path layerDir(Path store, Layer layer) {
        return store.resolve("data/overlay2").resolve(layer.hex().orElseThrow());
    }

    @Test
    void copyFollowsSealersDestinationRules() throws IOException {
        Path ctx = context("""
                FROM scratch
                COPY imageList manifests
                COPY etc .
                COPY shell.yaml plugins
                COPY charts charts
                """);
        write(ctx.resolve("imageList"), "nginx:1.25\n");
        write(ctx.resolve("etc/kubeadm.yml"), "kind: x\n");
        write(ctx.resolve("shell.yaml"), "kind: Plugin\n");
        write(ctx.resolve("charts/app/Chart.yaml.txt"), "not a chart\n");
        Path store = tmp.resolve("store");

        ClusterImage image = build(store, ctx, "demo:1");

        List<Layer> layers = image.layers();
        assertThat(layers).extracting(Layer::type).containsExactly("COPY", "COPY", "COPY", "COPY");
        assertThat(layerDir(store, layers.get(0)).resolve("manifests/imageList")).isRegularFile();
        assertThat(layerDir(store, layers.get(1)).resolve("etc/kubeadm.yml")).isRegularFile();
        assertThat(layerDir(store, layers.get(2)).resolve("plugins")).isDirectory();
        assertThat(layerDir(store, layers.get(2)).resolve("plugins/shell.yaml")).isRegularFile();
        assertThat(layerDir(store, layers.get(3)).resolve("charts/app/Chart.yaml.txt")).isRegularFile();
        assertThat(layerDir(store, layers.get(3)).resolve("charts/charts")).doesNotExist();
        assertThat(image.containerImages()).containsExactly("docker.io/library/nginx:1.25");
        assertThat(image.name()).isEqualTo("docker.io/library/demo:1");
    }

    @Test
    void sameContextBuildsTheSameLayerIdsInTwoStoresWhateverTheMtimes() throws IOException {
        Path ctx = context("FROM scratch\nCOPY manifests manifests\nCOPY bin bin\nRUN echo hi > greeting\n");
        write(ctx.resolve("manifests/app.yaml"), "image: busybox:1.36\n");
        write(ctx.resolve("bin/tool"), "#!/bin/sh\necho tool\n");
        ctx.resolve("bin/tool").toFile().setExecutable(true);
        ClusterImage first = build(tmp.resolve("store1"), ctx, "demo:1");

        try (Stream<Path> files = Files.walk(ctx)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
            }
        }
        ClusterImage second = build(tmp.resolve("store2"), ctx, "demo:1");

        assertThat(first.layers()).extracting(Layer::id).doesNotContainNull();
        assertThat(second.layers()).extracting(Layer::id).isEqualTo(first.layers().stream().map(Layer::id).toList());
    }

    private ClusterImage buildOn(Path store, Path context, String tag, Instant day, Map<String, String> env) {
        try (ImageStore opened = ImageStore.open(store, StoreEnvironment.of(day, env))) {
            return new BuildEngine(opened, Progress.to(events::add), BaseImageSource.NONE, List.of())
                    .build(BuildRequest.builder(context).tag(tag).platforms(Platform.LINUX_AMD64).build()).get(0);
        }
    }

    @Test
    void sameKubefileAndContextGiveTheSameImageIdInAnyStoreOnAnyDay() throws IOException {
        Path ctx = context("FROM scratch\nCOPY manifests manifests\nRUN echo hi > greeting\nCMD kubectl get pods\n");
        write(ctx.resolve("manifests/app.yaml"), "image: busybox:1.36\n");
        Instant monday = Instant.parse("2024-03-04T10:00:00Z");
        Instant later = Instant.parse("2025-09-10T23:59:59Z");

        ClusterImage first = buildOn(tmp.resolve("store1"), ctx, "demo:1", monday, Map.of());
        ClusterImage second = buildOn(tmp.resolve("store2"), ctx, "registry.local/renamed:2", later, Map.of());

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(first.created()).isEqualTo(Instant.EPOCH);
        try (ImageStore opened = ImageStore.open(tmp.resolve("store2"))) {
            assertThat(opened.list()).singleElement().satisfies(row -> {
                assertThat(row.id()).isEqualTo(first.id());
                assertThat(row.created()).isEqualTo(later);
            });
        }

        Map<String, String> epoch = Map.of("SOURCE_DATE_EPOCH", "1709546400");
        ClusterImage stamped = buildOn(tmp.resolve("store3"), ctx, "demo:1", monday, epoch);
        ClusterImage stampedAgain = buildOn(tmp.resolve("store4"), ctx, "demo:1", later, epoch);
        assertThat(stamped.id()).isNotEqualTo(first.id()).isEqualTo(stampedAgain.id());
        assertThat(stamped.created()).isEqualTo(Instant.ofEpochSecond(1_709_546_400L));
        assertThat(stamped.layers()).isEqualTo(first.layers());
    }

    @Test
    void malformedSourceDateEpochFailsTheBuildBeforeAnyWork() throws IOException {
        Path ctx = context("FROM scratch\nCOPY a a\n");
        write(ctx.resolve("a"), "a");

        assertThatThrownBy(() -> buildOn(tmp.resolve("store"), ctx, "demo:1", Instant.EPOCH,
                Map.of("SOURCE_DATE_EPOCH", "2024-03-04")))
                .hasMessageContaining("SOURCE_DATE_EPOCH").hasMessageContaining("2024-03-04");
        assertThat(tmp.resolve("store/data/overlay2")).isEmptyDirectory();
    }

    @Test
    void rebuildWithNothingChangedReusesEveryLayerWithoutRunningOrCopying() throws IOException {
        Path counter = tmp.resolve("runs.log");
        Path ctx = context("FROM scratch\nCOPY data data\nRUN echo run >> " + counter + " && echo x > made\n");
        write(ctx.resolve("data/big.bin"), "payload".repeat(10_000));
        Path store = tmp.resolve("store");
        ClusterImage first = build(store, ctx, "demo:1");
        Path stored = layerDir(store, first.layers().get(0)).resolve("data/big.bin");
        Object inode = Files.getAttribute(stored, "unix:ino");
        events.clear();

        ClusterImage second = build(store, ctx, "demo:2");

        assertThat(second.layers()).isEqualTo(first.layers());
        assertThat(Files.readAllLines(counter)).hasSize(1);
        assertThat(Files.getAttribute(stored, "unix:ino")).isEqualTo(inode);
        assertThat(events).filteredOn(e -> e instanceof ProgressEvent.Finished f
                && f.operation().kind() == OperationKind.INSTRUCTION && f.summary().startsWith("using cached layer"))
                .hasSize(2);
        try (Stream<Path> leftovers = Files.list(store.resolve("tmp"))) {
            assertThat(leftovers).isEmpty();
        }
    }

    @Test
    void changedSourceOrNoCacheBuildsAgain() throws IOException {
        Path counter = tmp.resolve("runs.log");
        Path ctx = context("FROM scratch\nCOPY data data\nRUN echo run >> " + counter + "\n");
        write(ctx.resolve("data/a.txt"), "one");
        Path store = tmp.resolve("store");
        ClusterImage first = build(store, ctx, "demo:1");

        write(ctx.resolve("data/a.txt"), "two");
        ClusterImage changed = build(store, ctx, "demo:1");
        assertThat(changed.layers().get(0).id()).isNotEqualTo(first.layers().get(0).id());
        assertThat(Files.readAllLines(counter)).hasSize(2); // RUN follows a changed layer: the chain differs

        client(store).builds().build(BuildRequest.builder(ctx).cacheImages(false).tag("demo:1").noCache(true).build());
        assertThat(Files.readAllLines(counter)).hasSize(3);
    }

    @Test
    void runLayerHoldsAdditionsChangesAndWhiteoutsForDeletions() throws IOException {
        Path ctx = context("""
                FROM scratch
                COPY files files
                ARG GREETING=hello
                RUN rm files/old.txt && echo "$GREETING $ARCH" > files/new.txt && echo changed > files/keep.txt
                """);
        write(ctx.resolve("files/old.txt"), "old");
        write(ctx.resolve("files/keep.txt"), "keep");
        Path store = tmp.resolve("store");

        ClusterImage image = client(store).builds().build(BuildRequest.builder(ctx).cacheImages(false).tag("demo:1")
                .buildArg("GREETING", "bonjour").build()).get(0);

        Layer run = image.layers().get(1);
        assertThat(run.type()).isEqualTo("RUN");
        Path dir = layerDir(store, run);
        assertThat(dir.resolve("files/new.txt")).hasContent("bonjour amd64");
        assertThat(dir.resolve("files/keep.txt")).hasContent("changed");
        assertThat(dir.resolve("files/.wh.old.txt")).exists();
        assertThat(image.config().args()).containsEntry("GREETING", "bonjour");
    }

    @Test
    void failingRunNamesTheLineExitCodeAndOutputAndListsNothing() throws IOException {
        Path ctx = context("FROM scratch\n\nRUN echo about to fail && exit 3\n");
        Path store = tmp.resolve("store");

        assertThatThrownBy(() -> build(store, ctx, "demo:1"))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining(":3: ")
                .hasMessageContaining("exit code 3")
                .hasMessageContaining("about to fail");
        assertThat(client(store).images().list()).isEmpty();
    }

    @Test
    void copySourcesCannotLeaveTheContext() throws IOException {
        Path outside = tmp.resolve("secret.txt");
        Files.writeString(outside, "secret");
        Path ctx = context("FROM scratch\nCOPY link dest\n");
        Files.createSymbolicLink(ctx.resolve("link"), outside);
        Path store = tmp.resolve("store");

        assertThatThrownBy(() -> build(store, ctx, "demo:1")).isInstanceOf(BuildException.class)
                .hasMessageContaining(":2: ").hasMessageContaining("outside the build context");
        Files.writeString(ctx.resolve("Kubefile"), "FROM scratch\nCOPY ../secret.txt dest\n");
        assertThatThrownBy(() -> build(store, ctx, "demo:1")).isInstanceOf(BuildException.class)
                .hasMessageContaining(":2: ").hasMessageContaining("leaves the build context");
        Files.writeString(ctx.resolve("Kubefile"), "FROM scratch\nCOPY " + outside + " dest\n");
        assertThatThrownBy(() -> build(store, ctx, "demo:1")).isInstanceOf(BuildException.class)
                .hasMessageContaining("absolute path");
        Files.writeString(ctx.resolve("Kubefile"), "FROM scratch\nCOPY missing dest\n");
        assertThatThrownBy(() -> build(store, ctx, "demo:1")).isInstanceOf(BuildException.class)
                .hasMessageContaining(":2: ").hasMessageContaining("\"missing\" not found");
        assertThat(client(store).images().list()).isEmpty();
    }

    @Test
    void wildcardsAndArchSubstitutionPickPerPlatformFiles() throws IOException {
        Path ctx = context("FROM scratch\nCOPY bin/${ARCH}/* bin\nCOPY conf/*.yaml etc\n");
        write(ctx.resolve("bin/amd64/kubeadm"), "amd64");
        write(ctx.resolve("bin/arm64/kubeadm"), "arm64");
        write(ctx.resolve("conf/a.yaml"), "a");
        write(ctx.resolve("conf/b.yaml"), "b");
        write(ctx.resolve("conf/c.txt"), "c");
        Path store = tmp.resolve("store");

        List<ClusterImage> images = client(store).builds().build(BuildRequest.builder(ctx).cacheImages(false).tag("multi:1")
                .platforms(Platform.LINUX_AMD64, Platform.LINUX_ARM64).build());

        assertThat(images).extracting(ClusterImage::platform).containsExactly(Platform.LINUX_AMD64, Platform.LINUX_ARM64);
        assertThat(layerDir(store, images.get(0).layers().get(0)).resolve("bin/kubeadm")).hasContent("amd64");
        assertThat(layerDir(store, images.get(1).layers().get(0)).resolve("bin/kubeadm")).hasContent("arm64");
        Path etc = layerDir(store, images.get(0).layers().get(1)).resolve("etc");
        assertThat(etc.resolve("a.yaml")).exists();
        assertThat(etc.resolve("b.yaml")).exists();
        assertThat(etc.resolve("c.txt")).doesNotExist();
        try (ImageStore opened = ImageStore.open(store)) {
            assertThat(opened.find("multi:1", Optional.of(Platform.LINUX_ARM64))).isPresent();
            assertThat(opened.find("multi:1", Optional.of(Platform.LINUX_AMD64))).isPresent();
        }
    }

    @Test
    void fromInheritsLayersCommandsArgsAndApplications() throws IOException {
        Path base = Files.createDirectories(tmp.resolve("base"));
        Files.writeString(base.resolve("Kubefile"), """
                FROM scratch
                COPY rootfs .
                ARG Version=v1.19.8
                APP web local://web.yaml
                CMD kubeadm init
                """);
        write(base.resolve("rootfs/bin/kubeadm"), "kubeadm");
        write(base.resolve("web.yaml"), "kind: Pod\nspec:\n  containers:\n  - image: nginx:1.25\n");
        Path store = tmp.resolve("store");
        ClusterImage parent = build(store, base, "kubernetes:v1.19.8");

        Path ctx = context("""
                FROM kubernetes:v1.19.8
                COPY imageList manifests
                APPENV web MODE=prod
                CMD kubectl get nodes
                """);
        write(ctx.resolve("imageList"), "busybox:1.36\n");
        ClusterImage child = build(store, ctx, "app:1");

        assertThat(child.layers().subList(0, parent.layers().size())).isEqualTo(parent.layers());
        assertThat(child.config().parentCmds()).containsExactly("kubeadm init");
        assertThat(child.config().cmds()).containsExactly("kubectl get nodes");
        assertThat(child.config().args()).containsEntry("Version", "v1.19.8");
        assertThat(child.config().applications()).singleElement().satisfies(app -> {
            assertThat(app.name()).isEqualTo("web");
            assertThat(app.type()).isEqualTo("kube");
            assertThat(app.env()).isEqualTo(Map.of("MODE", "prod"));
        });
        assertThat(child.containerImages())
                .containsExactly("docker.io/library/busybox:1.36", "docker.io/library/nginx:1.25");
    }

    @Test
    void missingBaseImageNamesTheImageAndLine() throws IOException {
        Path ctx = context("# base\nFROM kubernetes:v9.9.9\nCOPY a b\n");
        Files.writeString(ctx.resolve("a"), "a");

        assertThatThrownBy(() -> build(tmp.resolve("store"), ctx, "demo:1"))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining(":2: ")
                .hasMessageContaining("kubernetes:v9.9.9")
                .hasMessageContaining("no registry adapter");
    }

    @Test
    void aFailingInstructionIsNamedByItsKubefileAndLineExactlyOnce() throws IOException {
        Path ctx = context("FROM scratch\nCOPY a a\n");
        write(ctx.resolve("a"), "a");
        build(tmp.resolve("store"), ctx, "base:1");
        Map<String, String> failures = Map.of(
                "FROM scratch\n# comment\nCOPY a ../../up\n", ":3: COPY destination \"../../up\" leaves the rootfs",
                "FROM scratch\nAPP web https://example.invalid/web.yaml\n", ":2: remote APP source",
                "FROM base:1\nCOPY a a\nAPPENV web MODE=prod\n", ":3: application web does not exist",
                "FROM scratch\n\n\nRUN exit 7\n", ":4: RUN command failed with exit code 7",
                "FROM missing:1\n", ":1: base image missing:1 for linux/amd64 is not in the local store");
        for (Map.Entry<String, String> failure : failures.entrySet()) {
            Files.writeString(ctx.resolve("Kubefile"), failure.getKey());
            assertThatThrownBy(() -> build(tmp.resolve("store"), ctx, "demo:1")).as(failure.getKey())
                    .isInstanceOf(BuildException.class)
                    .satisfies(e -> {
                        BuildException error = (BuildException) e;
                        String where = ctx.resolve("Kubefile").toString();
                        assertThat(error.source()).contains(where);
                        assertThat(error.getMessage()).startsWith(where + failure.getValue())
                                .containsOnlyOnce(where);
                    });
        }
    }

    @Test
    void applicationsGetTypesLabelsAndLaunchCommands() throws IOException {
        Path ctx = context("""
                FROM scratch
                APP yamlapp local://yamlcontext
                APP shellapp local://install.sh
                CNI calico local://calico.yaml
                APP mixed local://mixedcontext
                APPCMDS mixed ["kubectl apply -f app.yaml"]
                KUBEVERSION >=1.20.0
                LAUNCH ["yamlapp", "shellapp", "calico", "mixed"]
                """);
        write(ctx.resolve("yamlcontext/a.yaml"), "kind: ConfigMap\n");
        write(ctx.resolve("install.sh"), "echo hi\n");
        write(ctx.resolve("calico.yaml"), "kind: DaemonSet\n");
        write(ctx.resolve("mixedcontext/app.yaml"), "kind: Pod\n");
        write(ctx.resolve("mixedcontext/run.sh"), "echo\n");
        Path store = tmp.resolve("store");

        ClusterImage image = build(store, ctx, "apps:1");

        Map<String, String> types = new java.util.HashMap<>();
        image.config().applications().forEach(a -> types.put(a.name(), a.type()));
        assertThat(types).containsEntry("yamlapp", "kube").containsEntry("shellapp", "shell")
                .containsEntry("calico", "kube").containsEntry("mixed", "");
        assertThat(image.config().labels())
                .containsEntry("cluster.alpha.sealer.io/kube-cni-calico", "true")
                .containsEntry("app.alpha.sealer.io/supported-kube-version", ">=1.20.0");
        assertThat(image.config().launchApps()).containsExactly("yamlapp", "shellapp", "calico", "mixed");
        assertThat(layerDir(store, image.layers().get(0)).resolve("application/apps/yamlapp/a.yaml")).exists();
        assertThat(Applications.launchCommands("yamlapp", "kube", List.of("a.yaml"), List.of()))
                .containsExactly("kubectl apply -f application/apps/yamlapp/a.yaml");
    }

    @Test
    void applicationOfNoKnownTypeNeedsAppCmds() throws IOException {
        Path ctx = context("FROM scratch\nAPP mixed local://mixedcontext\n");
        write(ctx.resolve("mixedcontext/app.yaml"), "kind: Pod\n");
        write(ctx.resolve("mixedcontext/run.sh"), "echo\n");

        assertThatThrownBy(() -> build(tmp.resolve("store"), ctx, "demo:1"))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining(":2: ")
                .hasMessageContaining("APPCMDS");
    }

    @Test
    void chartThatHelmRejectsFailsNamingTheFileAndStoresNothing() throws IOException {
        Path ctx = context("FROM scratch\nCOPY charts charts\n");
        write(ctx.resolve("charts/bad/Chart.yaml"), "apiVersion: v2\nname: [unclosed\n");
        write(ctx.resolve("charts/bad/templates/a.yaml"), "kind: Pod\n");
        Path store = tmp.resolve("store");

        assertThatThrownBy(() -> build(store, ctx, "demo:1"))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("Chart.yaml");
        assertThat(client(store).images().list()).isEmpty();
    }

    @Test
    void onlyLiteModeIsSupported() throws IOException {
        Path ctx = context("FROM scratch\n");
        assertThatThrownBy(() -> client(tmp.resolve("store")).builds().build(BuildRequest.builder(ctx).cacheImages(false).tag("a:1")
                .mode("cloud").build()))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("\"cloud\" is not supported");
    }

    @Test
    void symlinksAndExecutableBitsSurviveCopy() throws IOException {
        Path ctx = context("FROM scratch\nCOPY bin bin\n");
        write(ctx.resolve("bin/real"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(ctx.resolve("bin/real"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(ctx.resolve("bin/alias"), Path.of("real"));
        Path store = tmp.resolve("store");

        ClusterImage image = build(store, ctx, "demo:1");

        Path bin = layerDir(store, image.layers().get(0)).resolve("bin");
        assertThat(Files.isSymbolicLink(bin.resolve("alias"))).isTrue();
        assertThat(Files.readSymbolicLink(bin.resolve("alias"))).isEqualTo(Path.of("real"));
        assertThat(Files.isExecutable(bin.resolve("real"))).isTrue();
        assertThat(Files.readString(bin.resolve("real"), StandardCharsets.UTF_8)).isEqualTo("#!/bin/sh\n");
    }

    @Test
    void platformsWithTheSameNewLayersShareOneDiscovery() throws IOException {
        Path ctx = context("FROM scratch\nCOPY manifests manifests\n");
        write(ctx.resolve("manifests/app.yaml"), "image: nginx:1.25\n---\nimage: \"{{ .Values.image }}\"\n");

        List<ClusterImage> images = client(tmp.resolve("store")).builds().build(BuildRequest.builder(ctx).cacheImages(false).tag("multi:1")
                .platforms(Platform.LINUX_AMD64, Platform.LINUX_ARM64).build());

        assertThat(images).allSatisfy(i -> assertThat(i.containerImages()).containsExactly(
                "docker.io/library/nginx:1.25"));
        assertThat(events).filteredOn(e -> e instanceof ProgressEvent.Warning w
                && (w.message().contains("{{") || w.location().contains("app.yaml")))
                .hasSize(1);
    }

    @Test
    void aMultiPlatformBuildThatFailsForOnePlatformListsNoPlatform() throws IOException {
        Path ctx = context("FROM scratch\nCOPY bin/${ARCH} bin\n");
        write(ctx.resolve("bin/amd64/kubectl"), "amd64 binary\n");
        Path store = tmp.resolve("store");
        SealerClient client = client(store);
        client.builds().build(BuildRequest.builder(ctx).cacheImages(false).tag("partial:0").build());

        assertThatThrownBy(() -> client.builds().build(BuildRequest.builder(ctx).cacheImages(false).tag("partial:1")
                .platforms(Platform.LINUX_AMD64, Platform.LINUX_ARM64).build()))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("Kubefile:2");

        assertThat(client.images().list()).extracting(s -> s.name())
                .containsExactly("docker.io/library/partial:0");
    }

    @Test
    void aMissingContextDirectoryIsNamedAsSuch() {
        Path missing = tmp.resolve("no-such-dir");
        assertThatThrownBy(() -> client(tmp.resolve("store")).build(missing))
                .isInstanceOf(BuildException.class)
                .hasMessage(missing + ": build context directory not found");
    }

    @Test
    void copyOfTheWholeContextCopiesItsContents() throws IOException {
        Path ctx = context("FROM scratch\nCOPY . .\nCOPY . sub\n");
        write(ctx.resolve("manifests/a.yaml"), "kind: ConfigMap\n");
        Path store = tmp.resolve("store");

        ClusterImage image = build(store, ctx, "dot:1");

        assertThat(layerDir(store, image.layers().get(0)).resolve("manifests/a.yaml")).exists();
        assertThat(layerDir(store, image.layers().get(0)).resolve("Kubefile")).exists();
        assertThat(layerDir(store, image.layers().get(1)).resolve("sub/manifests/a.yaml")).exists();
    }
}
