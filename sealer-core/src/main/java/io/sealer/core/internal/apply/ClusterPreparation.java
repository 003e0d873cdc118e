package io.sealer.core.internal.apply;

import io.sealer.api.ClusterNotFoundException;
import io.sealer.api.ClusterfileException;
import io.sealer.api.ImageNotFoundException;
import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.event.ProgressListener;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Platform;
import io.sealer.core.internal.apply.ClusterOperations.SavedState;
import io.sealer.core.internal.apply.state.ClusterStore;
import io.sealer.core.internal.client.ClientRuntime;
import io.sealer.core.internal.client.RegistryOperations;
import io.sealer.core.internal.clusterfile.ClusterfileParser;
import io.sealer.core.internal.plan.InstallPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Gathers what a planner reads (the image and its prepared files per host, the kubeadm configuration, the plugin
 * phases, the saved state) and picks the planner: create, scale, or an application image on the running cluster.
 */
final class ClusterPreparation {
    private final ClientRuntime runtime;
    private final ClusterStore clusters;
    private final ClusterfileParser parser = new ClusterfileParser();

    ClusterPreparation(ClientRuntime runtime, ClusterStore clusters) {
        this.runtime = runtime;
        this.clusters = clusters;
    }

    /** The Clusterfile to apply: {@code given}, with the saved cluster's hosts when it lists none. */
    Clusterfile effective(Clusterfile given, Optional<SavedState> saved) {
        if (!given.cluster().hosts().isEmpty()) {
            return given;
        }
        SavedState state = saved.orElseThrow(() -> new ClusterfileException(given.source(), 0, "spec.hosts",
                "no hosts are listed and no cluster named '" + given.cluster().name() + "' was applied with this"
                        + " store; list the hosts (sealer run -m ...)"));
        return ClusterCopies.withHosts(given, state.clusterfile().cluster().hosts());
    }

    /**
     * The plan that makes the cluster what {@code target} says.
     *
     * @param platforms each host's detected platform; empty for a dry run (the image's platform is assumed)
     */
    Prepared prepare(Clusterfile target, Optional<SavedState> saved, Optional<Map<String, Platform>> platforms) {
        Cluster cluster = target.cluster();
        List<ClusterImage> images = images(cluster.image(), platforms);
        Map<String, ClusterImage> imageOf = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (String host : cluster.allIps()) {
            Platform platform = platforms.map(p -> p.get(host)).orElse(null);
            imageOf.put(host, pick(images, platform, host, cluster.image()));
        }
        if (platforms.isEmpty()) {
            notes.add("dry run: hosts were not contacted; each is assumed to be "
                    + imageOf.values().iterator().next().platform() + " and node names are shown as placeholders");
        }
        RootfsPreparer preparer = new RootfsPreparer(clusters.clusterDir(cluster.name()).resolve("views"),
                new ClusterfileCustomizer(target));
        String changes = ClusterfileCustomizer.changesKey(target);
        Map<String, RootfsViews> views = runtime.withStore(store -> {
            Map<String, RootfsViews> byHost = new LinkedHashMap<>();
            Map<String, RootfsViews> byVariant = new HashMap<>();
            for (Map.Entry<String, ClusterImage> entry : imageOf.entrySet()) {
                Map<String, String> env = new LinkedHashMap<>(HostEnv.of(cluster, entry.getKey()));
                env.remove("HostIP");
                String key = entry.getValue().id() + env;
                byHost.put(entry.getKey(), byVariant.computeIfAbsent(key,
                        k -> preparer.prepare(store, entry.getValue(), env, changes)));
            }
            return byHost;
        });
        String master0 = cluster.master0().orElseThrow();
        Path rootfs0 = views.get(master0).rootfs();
        ClusterImage image0 = imageOf.get(master0);
        boolean appImage = !Files.exists(rootfs0.resolve("bin/kubeadm"))
                && !Files.exists(rootfs0.resolve("scripts/init.sh"));
        ImageFacts facts = new ImageFacts(cluster.image(), image0.id(), image0.config(),
                Files.exists(rootfs0.resolve("bin/seautil")), appImage);
        List<PluginSpec> plugins = PluginDocuments.of(target, imagePlugins(rootfs0));
        PlanInput input = new PlanInput(target, facts, views, KubeadmFilesFactory.create(target, rootfs0), plugins);
        InstallPlan plan;
        if (appImage) {
            if (saved.isEmpty()) {
                throw new ClusterNotFoundException(cluster.name(), clusters.clusterDir(cluster.name()).toString()
                        + " (" + cluster.image() + " is an application image: it installs on a running cluster,"
                        + " apply a cluster image first)");
            }
            List<String> running = saved.get().clusterfile().cluster().allIps();
            if (!new LinkedHashSet<>(running).equals(new LinkedHashSet<>(cluster.allIps()))) {
                throw new ClusterfileException(target.source(), 0, "spec.hosts", cluster.image() + " is an"
                        + " application image: it installs on the running cluster's hosts " + running + "; add or"
                        + " remove hosts with the cluster's own image (" + saved.get().clusterfile().cluster().image()
                        + ") or sealer join / sealer delete");
            }
            plan = AppPlanner.plan(input);
        } else if (saved.isEmpty()) {
            plan = CreatePlanner.plan(input);
        } else {
            Cluster before = saved.get().clusterfile().cluster();
            if (!before.image().equals(cluster.image())) {
                throw new ClusterfileException(target.source(), 0, "spec.image", "cluster " + cluster.name()
                        + " runs " + before.image() + "; changing its image (an upgrade) is not supported yet");
            }
            plan = ScalePlanner.plan(before, input, saved.get().hostnames());
        }
        notes.addAll(plan.notes());
        return new Prepared(new InstallPlan(plan.cluster(), plan.image(), plan.kind(), plan.steps(), notes), plugins,
                rootfs0);
    }

    /**
     * A plan with what running it needs besides.
     *
     * @param plan the plan
     * @param plugins the Plugin documents its hook steps name
     * @param imageFiles the image's prepared files on this machine (master0's platform)
     */
    record Prepared(InstallPlan plan, List<PluginSpec> plugins, Path imageFiles) {
    }

    private List<ClusterImage> images(String reference, Optional<Map<String, Platform>> platforms) {
        List<ClusterImage> images = runtime.withExistingStore(store -> store.inspect(reference), List::of);
        if (!images.isEmpty()) {
            return images;
        }
        if (platforms.isEmpty() || runtime.registry().isEmpty()) {
            throw new ImageNotFoundException(reference, "the cluster image " + reference + " is not in the local"
                    + " store (" + runtime.storeRoot() + "); build it or pull it first");
        }
        List<Platform> wanted = List.copyOf(new LinkedHashSet<>(platforms.get().values()));
        return new RegistryOperations(runtime).pull(reference, wanted, ProgressListener.NONE);
    }

    private static ClusterImage pick(List<ClusterImage> images, Platform platform, String host, String reference) {
        if (platform == null) {
            Platform local = Platform.host();
            return images.stream().filter(i -> i.platform().matches(local)).findFirst().orElse(images.get(0));
        }
        return images.stream().filter(i -> i.platform().equals(platform)).findFirst()
                .or(() -> images.stream().filter(i -> i.platform().matches(platform)).findFirst())
                .orElseThrow(() -> new ImageNotFoundException(reference, host + " is " + platform + " but "
                        + reference + " has only " + images.stream().map(ClusterImage::platform).toList()));
    }

    private List<PluginSpec> imagePlugins(Path rootfs) {
        List<PluginSpec> plugins = new ArrayList<>();
        for (String dir : List.of("plugins", "plugin")) {
            Path folder = rootfs.resolve(dir);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
                        plugins.addAll(parser.parseDocuments(file).plugins());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return plugins;
    }
}
