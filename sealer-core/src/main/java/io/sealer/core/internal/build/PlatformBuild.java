package io.sealer.core.internal.build;

import io.sealer.api.event.Progress;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Subject;
import io.sealer.api.build.BuildRequest;

import io.sealer.api.BuildException;
import io.sealer.api.SealerException;
import io.sealer.api.image.Application;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import io.sealer.api.kubefile.Add;
import io.sealer.api.kubefile.App;
import io.sealer.api.kubefile.AppCmds;
import io.sealer.api.kubefile.AppDeclaration;
import io.sealer.api.kubefile.AppEnv;
import io.sealer.api.kubefile.Arg;
import io.sealer.api.kubefile.Cmd;
import io.sealer.api.kubefile.Cmds;
import io.sealer.api.kubefile.Cni;
import io.sealer.api.kubefile.Copy;
import io.sealer.api.kubefile.Csi;
import io.sealer.api.kubefile.Env;
import io.sealer.api.kubefile.From;
import io.sealer.api.kubefile.Instruction;
import io.sealer.api.kubefile.KubeVersion;
import io.sealer.api.kubefile.Kubefile;
import io.sealer.api.kubefile.Label;
import io.sealer.api.kubefile.Launch;
import io.sealer.api.kubefile.Maintainer;
import io.sealer.api.kubefile.Run;
import io.sealer.core.internal.discovery.DiscoveryResult;
import io.sealer.core.internal.discovery.ImageDiscovery;
import io.sealer.core.internal.io.Digests;
import io.sealer.core.internal.io.IoFailures;
import io.sealer.core.internal.io.Trees;
import io.sealer.core.internal.store.ImageStore;
import io.sealer.core.internal.store.StoredLayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The build of one Kubefile for one platform: applies the instructions in order and yields the image to commit.
 *
 * <p>Every kind of instruction has its handler in {@link Steps}, an {@link Instruction.Visitor}: a new kind does not
 * compile until it is handled. The Kubefile location is attached in one place, {@link #apply}: the handlers and the
 * helpers they call report problems without a location.
 */
final class PlatformBuild {
    /** Resolves a base image for FROM. */
    @FunctionalInterface
    interface BaseResolver {
        /**
         * @throws BuildException without a location when the image cannot be found or fetched
         */
        ClusterImage resolve(ImageReference reference, Platform platform);
    }

    private final ImageStore store;
    private final Progress progress;
    private String layerOutcome = "";
    private final BuildContext context;
    private final Kubefile kubefile;
    private final BuildRequest request;
    private final Platform platform;
    private final BaseResolver baseResolver;
    private final List<BuildExtension> extensions;
    private final RunExecutor runExecutor;
    private final BuildMemo memo;

    private final ConfigAccumulator config = new ConfigAccumulator();
    private final List<Layer> layers = new ArrayList<>();
    private final List<Layer> newLayers = new ArrayList<>();
    private final Map<String, Integer> appLines = new LinkedHashMap<>();
    private final Steps steps = new Steps();
    private Optional<ClusterImage> base = Optional.empty();
    private String chain;

    PlatformBuild(ImageStore store, Progress progress, BuildContext context, Kubefile kubefile,
            BuildRequest request, Platform platform, BaseResolver baseResolver, List<BuildExtension> extensions,
            RunExecutor runExecutor, BuildMemo memo) {
        this.store = store;
        this.progress = progress;
        this.context = context;
        this.kubefile = kubefile;
        this.request = request;
        this.platform = platform;
        this.baseResolver = baseResolver;
        this.extensions = extensions;
        this.runExecutor = runExecutor;
        this.memo = memo;
        this.chain = digest("platform " + platform);
    }

    /**
     * Applies the instructions and the extensions.
     *
     * @param name the image's name
     * @param created the image's creation time, part of its id (reproducible, not the wall clock)
     */
    ClusterImage run(ImageReference name, Instant created) {
        for (Instruction instruction : kubefile.instructions()) {
            String step = kubefile.source() + ":" + instruction.line();
            Progress op = progress.start(OperationKind.INSTRUCTION, Subject.step(step).withPlatform(platform),
                    instruction.original());
            layerOutcome = "";
            try {
                apply(instruction);
            } catch (BuildException e) {
                op.failed(e.problem());
                throw e;
            }
            op.finished(layerOutcome.isEmpty() ? "done" : layerOutcome);
        }
        checkApplications();
        DiscoveryResult discovered = discoverImages();
        List<ImageReference> images = discovered.images();
        Map<ImageReference, List<String>> sources = new LinkedHashMap<>();
        images.forEach(i -> sources.put(i, discovered.sourcesOf(i)));
        for (BuildExtension extension : extensions) {
            extension.apply(new BuildExtension.Step(images, sources, platform, request.platforms(), base,
                    kubefile.source(), request.noCache(), store, progress)).ifPresent(layers::add);
        }
        TreeSet<String> containerImages = new TreeSet<>();
        base.ifPresent(b -> containerImages.addAll(b.containerImages()));
        images.forEach(i -> containerImages.add(i.fullName()));
        return new ClusterImage(name.fullName(), null, platform, layers, config.toConfig(),
                List.copyOf(containerImages), created);
    }

    /**
     * Runs one instruction. This is where a failure gets its Kubefile location: a {@link BuildException} without
     * one, an I/O failure or any other sealer error becomes a {@link BuildException} naming the Kubefile and the
     * instruction's line. A {@link BuildException} that already names its own file is passed on as it is.
     */
    private void apply(Instruction instruction) {
        try {
            instruction.accept(steps);
        } catch (UncheckedIOException e) {
            throw at(instruction, IoFailures.describe(e.getCause()), e.getCause());
        } catch (BuildException e) {
            if (e.source().isPresent()) {
                throw e;
            }
            throw at(instruction, e.problem(), e.getCause());
        } catch (SealerException e) {
            throw at(instruction, e.getMessage(), e);
        }
    }

    private BuildException at(Instruction instruction, String problem, Throwable cause) {
        return new BuildException(kubefile.source(), instruction.line(), problem, cause);
    }

    /** One handler per kind of instruction; I/O failures leave as {@link UncheckedIOException}. */
    private final class Steps implements Instruction.Visitor<Void> {
        @Override
        public Void visit(From from) {
            from(from);
            return null;
        }

        @Override
        public Void visit(Copy copy) {
            return io(() -> copy(copy));
        }

        /** ADD of local sources (the parser refuses remote ones) is a COPY: same layer, same cache entry. */
        @Override
        public Void visit(Add add) {
            return io(() -> copy(add.asCopy()));
        }

        @Override
        public Void visit(Run run) {
            return io(() -> run(run));
        }

        @Override
        public Void visit(App app) {
            return io(() -> app(app));
        }

        @Override
        public Void visit(Cni cni) {
            io(() -> app(cni));
            config.labels.put(ConfigAccumulator.LABEL_CNI_PREFIX + cni.name(), "true");
            return null;
        }

        @Override
        public Void visit(Csi csi) {
            io(() -> app(csi));
            config.labels.put(ConfigAccumulator.LABEL_CSI_PREFIX + csi.name(), "true");
            return null;
        }

        @Override
        public Void visit(Arg arg) {
            arg(arg);
            return null;
        }

        @Override
        public Void visit(Cmd cmd) {
            config.cmds.addAll(cmd.commands());
            return null;
        }

        @Override
        public Void visit(Cmds cmds) {
            config.cmds.addAll(cmds.commands());
            return null;
        }

        @Override
        public Void visit(Label label) {
            config.labels.putAll(label.labels());
            return null;
        }

        @Override
        public Void visit(Env env) {
            config.env.putAll(env.variables());
            return null;
        }

        @Override
        public Void visit(Maintainer maintainer) {
            config.maintainer = maintainer.name();
            return null;
        }

        @Override
        public Void visit(KubeVersion version) {
            config.labels.put(ConfigAccumulator.LABEL_KUBE_VERSION, version.constraint());
            return null;
        }

        @Override
        public Void visit(Launch launch) {
            config.launchApps.addAll(requireApps(launch.apps()));
            return null;
        }

        @Override
        public Void visit(AppCmds appCmds) {
            config.putAppCmds(requireApp(appCmds.app()), appCmds.commands());
            return null;
        }

        @Override
        public Void visit(AppEnv appEnv) {
            config.putAppEnv(requireApp(appEnv.app()), appEnv.variables());
            return null;
        }

        private Void io(IoStep step) {
            try {
                step.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        }
    }

    private void from(From from) {
        if (from.isScratch()) {
            return;
        }
        Platform wanted = from.platform().orElse(platform);
        ClusterImage image = baseResolver.resolve(from.reference(), wanted);
        base = Optional.of(image);
        layers.addAll(image.layers());
        config.inherit(image.config());
        chain = digest(chain + "\nFROM " + image.id());
    }

    private void arg(Arg arg) {
        for (String argName : arg.names()) {
            String value = request.buildArgs().getOrDefault(argName, arg.defaults().get(argName));
            if (value != null) {
                config.args.put(argName, value);
            }
        }
    }

    private void copy(Copy copy) throws IOException {
        String dest = CopyStager.normaliseDestination(copy.destination());
        List<Path> sources = new ArrayList<>();
        for (String source : copy.sources()) {
            sources.addAll(context.resolve(withArch(source)));
        }
        String value = String.join(" ", copy.sources()) + " " + copy.destination();
        String key = "COPY " + value + "\n" + memo.sourceDigest(sources);
        addLayer("COPY", value, key, () -> stage(dir -> CopyStager.stage(sources, dest, dir, context.root())));
    }

    private void app(AppDeclaration app) throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String source : app.sources()) {
            if (source.startsWith("local://")) {
                sources.addAll(context.resolve(withArch(source.substring("local://".length()))));
            } else {
                throw remoteSource(source);
            }
        }
        Applications.Detected detected = Applications.detect(app.name(), sources);
        String dest = "application/apps/" + app.name();
        String value = String.join(" ", app.sources()) + " " + dest + "/";
        String key = app.keyword() + " " + value + "\n" + memo.sourceDigest(sources);
        addLayer("COPY", value, key, () -> stage(dir -> stageApplication(sources, dir.resolve(dest))));
        config.applications.put(app.name(), new Application(app.name(), detected.type(), detected.files(),
                Map.of(), List.of()));
        appLines.put(app.name(), app.line());
    }

    /** Sources land in the application directory as Docker's COPY puts them: a directory contributes its contents. */
    /** The error for an APP source that is not in the build context. */
    static BuildException remoteSource(String source) {
        return new BuildException("remote APP source " + source + " cannot be fetched in an air-gapped build; download"
                + " it into the build context and use local://", null);
    }

    static void stageApplication(List<Path> sources, Path appDir) throws IOException {
        Files.createDirectories(appDir);
        for (Path source : sources) {
            if (Files.isDirectory(source)) {
                try (var children = Files.list(source)) {
                    CopyStager.stage(children.sorted().toList(), "", appDir);
                }
            } else {
                CopyStager.stage(List.of(source), "", appDir);
            }
        }
    }

    private void run(Run run) throws IOException {
        Map<String, String> env = runEnvironment();
        String key = "RUN " + String.join("\u0000", run.argv()) + "\n" + new TreeMap<>(env);
        addLayer("RUN", run.command(), key, () -> runExecutor.run(layerDirs(layers),
                new RunExecutor.RunCommand(run.argv(), env), store));
    }

    private Map<String, String> runEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(config.args);
        env.put("ARCH", platform.architecture());
        env.put("TARGETARCH", platform.architecture());
        env.put("TARGETOS", platform.os());
        env.put("TARGETVARIANT", platform.variant());
        env.put("TARGETPLATFORM", platform.toString());
        return env;
    }

    /** Produces a layer, or reuses the cached one for the same chain of inputs. */
    private void addLayer(String type, String value, String inputs, LayerProducer producer) throws IOException {
        chain = digest(chain + "\n" + inputs);
        String cacheKey = chain;
        Optional<String> cached = request.noCache() ? Optional.empty() : store.cachedLayer(cacheKey);
        StoredLayer stored = cached.flatMap(store::layer).orElse(null);
        if (stored == null) {
            stored = producer.produce();
            if (!stored.isEmpty()) {
                store.recordCache(cacheKey, stored.id());
            }
            layerOutcome = stored.isEmpty() ? "no changes" : "layer " + stored.id();
        } else {
            layerOutcome = "using cached layer " + stored.id();
        }
        Layer layer = stored.toLayer(type, value);
        layers.add(layer);
        newLayers.add(layer);
    }

    private StoredLayer stage(StagingAction action) throws IOException {
        Path dir = store.newStagingDir();
        try {
            action.fill(dir);
        } catch (IOException | RuntimeException e) {
            Trees.deleteQuietly(dir);
            throw e;
        }
        return store.addLayer(dir);
    }

    private DiscoveryResult discoverImages() {
        List<String> ids = newLayers.stream().map(Layer::id).filter(java.util.Objects::nonNull).toList();
        return memo.discovery(ids, this::discoverNewLayers);
    }

    private DiscoveryResult discoverNewLayers() {
        ImageDiscovery discovery = new ImageDiscovery(request.discovery(), progress);
        Path view = store.newStagingDir();
        try {
            RootfsView.assemble(layerDirs(newLayers), view, true);
            return discovery.discover(view);
        } catch (IOException e) {
            throw new BuildException(kubefile.source(), 0, "cannot assemble the new layers for image discovery: "
                    + e.getMessage(), e);
        } finally {
            Trees.deleteQuietly(view);
        }
    }

    private List<Path> layerDirs(List<Layer> list) {
        return list.stream().filter(l -> l.id() != null).map(l -> store.layerPath(l.id())).toList();
    }

    private void checkApplications() {
        for (Map.Entry<String, Integer> entry : appLines.entrySet()) {
            Application app = config.applications.get(entry.getKey());
            if (app.type().isEmpty() && app.cmds().isEmpty()) {
                throw new BuildException(kubefile.source(), entry.getValue(), "app " + app.name()
                        + " need to specify APPCMDS if no app type detected (its files are neither all YAML, nor all"
                        + " shell scripts, nor a Helm chart)", null);
            }
        }
    }

    private String requireApp(String app) {
        if (!config.applications.containsKey(app)) {
            throw new BuildException("application " + app + " does not exist in the image", null);
        }
        return app;
    }

    private List<String> requireApps(List<String> apps) {
        apps.forEach(this::requireApp);
        return apps;
    }

    private String withArch(String source) {
        return source.replace("${ARCH}", platform.architecture()).replace("$ARCH", platform.architecture());
    }

    static String digest(String text) {
        return Digests.sha256Id(text.getBytes(StandardCharsets.UTF_8));
    }

    @FunctionalInterface
    private interface IoStep {
        void run() throws IOException;
    }

    @FunctionalInterface
    private interface LayerProducer {
        StoredLayer produce() throws IOException;
    }

    @FunctionalInterface
    private interface StagingAction {
        void fill(Path dir) throws IOException;
    }
}
