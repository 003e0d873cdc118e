package io.sealer.core.internal.build;

import io.sealer.api.BuildException;
import io.sealer.api.SealerException;
import io.sealer.api.build.DiscoveryOptions;
import io.sealer.api.event.Progress;
import io.sealer.api.image.ClusterImage;
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
import io.sealer.core.internal.io.IoFailures;
import io.sealer.core.internal.io.Trees;
import io.sealer.core.internal.store.ImageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a build of a Kubefile would cache, found without building: the COPY and APP instructions are played into a
 * scratch directory keeping only what image discovery reads ({@code manifests/}, {@code charts/},
 * {@code application/apps/}; nothing else of the context is read), RUN is not executed (a warning says so), nothing is
 * pulled. Images the base image already caches (when the local store has it) are left out, as the build leaves them.
 */
public final class DiscoveryDryRun {
    private final ImageStore store;

    /** @param store where base images are looked up (never pulled) */
    public DiscoveryDryRun(ImageStore store) {
        this.store = store;
    }

    /**
     * The result of one platform: what discovery found in the new layers, the base image if the store has it, and
     * warnings about what the dry run could not do (RUN, a base image missing), as {@code file:line: message}.
     */
    public record Found(DiscoveryResult result, Optional<ClusterImage> base, List<String> warnings) {
        public Found {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Plays the Kubefile for one platform and runs discovery over what its COPY and APP instructions bring.
     *
     * @throws BuildException naming the Kubefile line whose sources are missing or unsafe
     */
    public Found discover(Kubefile kubefile, Path context, DiscoveryOptions options, Platform platform,
            Progress progress) {
        Path view;
        try {
            view = Files.createTempDirectory("sealer-discover-");
        } catch (IOException e) {
            throw IoFailures.wrap(Path.of(System.getProperty("java.io.tmpdir")), "creating a scratch directory", e);
        }
        try {
            Player player = new Player(new BuildContext(context), platform, view, progress, kubefile.source());
            for (Instruction instruction : kubefile.instructions()) {
                try {
                    instruction.accept(player);
                } catch (UncheckedIOException e) {
                    throw new BuildException(kubefile.source(), instruction.line(), IoFailures.describe(e.getCause()),
                            e.getCause());
                } catch (BuildException e) {
                    throw e.source().isPresent() ? e
                            : new BuildException(kubefile.source(), instruction.line(), e.problem(), e.getCause());
                } catch (SealerException e) {
                    throw new BuildException(kubefile.source(), instruction.line(), e.getMessage(), e);
                }
            }
            DiscoveryResult result = new ImageDiscovery(options, progress).discover(view);
            return new Found(result, player.base, player.warnings);
        } finally {
            Trees.deleteQuietly(view);
        }
    }

    /** Plays each instruction into the view. */
    private final class Player implements Instruction.Visitor<Void> {
        private final BuildContext context;
        private final Platform platform;
        private final Path view;
        private final Progress progress;
        private final String kubefile;
        private Optional<ClusterImage> base = Optional.empty();
        private final List<String> warnings = new ArrayList<>();

        Player(BuildContext context, Platform platform, Path view, Progress progress, String kubefile) {
            this.context = context;
            this.platform = platform;
            this.view = view;
            this.progress = progress;
            this.kubefile = kubefile;
        }

        @Override
        public Void visit(From from) {
            if (!from.isScratch()) {
                Platform wanted = from.platform().orElse(platform);
                base = store.find(from.reference().fullName(), Optional.of(wanted));
                if (base.isEmpty()) {
                    warn(from, "base image " + from.reference().familiarName() + " for " + wanted
                            + " is not in the local store: images it already caches are listed too");
                }
            }
            return null;
        }

        @Override
        public Void visit(Copy copy) {
            String dest = CopyStager.normaliseDestination(copy.destination());
            List<Path> sources = new ArrayList<>();
            copy.sources().forEach(source -> sources.addAll(context.resolve(withArch(source))));
            stage(() -> CopyStager.stage(sources, dest, view, CopyStager.Wanted.under(ImageDiscovery.SEARCHED)
                    .withContentsOf(context.root())));
            return null;
        }

        @Override
        public Void visit(Add add) {
            return visit(add.asCopy());
        }

        @Override
        public Void visit(Run run) {
            warn(run, "RUN is not executed when discovering: images in files it would write are not found");
            return null;
        }

        @Override
        public Void visit(App app) {
            return application(app);
        }

        @Override
        public Void visit(Cni cni) {
            return application(cni);
        }

        @Override
        public Void visit(Csi csi) {
            return application(csi);
        }

        private Void application(AppDeclaration app) {
            List<Path> sources = new ArrayList<>();
            for (String source : app.sources()) {
                if (!source.startsWith(AppDeclaration.LOCAL)) {
                    throw PlatformBuild.remoteSource(source);
                }
                sources.addAll(context.resolve(withArch(source.substring(AppDeclaration.LOCAL.length()))));
            }
            Path appDir = view.resolve("application/apps").resolve(app.name());
            stage(() -> PlatformBuild.stageApplication(sources, appDir));
            return null;
        }

        @Override
        public Void visit(Cmd cmd) {
            return null;
        }

        @Override
        public Void visit(Arg arg) {
            return null;
        }

        @Override
        public Void visit(Label label) {
            return null;
        }

        @Override
        public Void visit(Env env) {
            return null;
        }

        @Override
        public Void visit(Maintainer maintainer) {
            return null;
        }

        @Override
        public Void visit(Launch launch) {
            return null;
        }

        @Override
        public Void visit(Cmds cmds) {
            return null;
        }

        @Override
        public Void visit(AppCmds appCmds) {
            return null;
        }

        @Override
        public Void visit(KubeVersion kubeVersion) {
            return null;
        }

        @Override
        public Void visit(AppEnv appEnv) {
            return null;
        }

        private void warn(Instruction instruction, String message) {
            String where = kubefile + ":" + instruction.line();
            warnings.add(where + ": " + message);
            progress.warning(where, message);
        }

        private String withArch(String source) {
            return source.replace("${ARCH}", platform.architecture()).replace("$ARCH", platform.architecture());
        }

        private void stage(Staging staging) {
            try {
                staging.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A staging step that may fail with I/O. */
    private interface Staging {
        void run() throws IOException;
    }
}
