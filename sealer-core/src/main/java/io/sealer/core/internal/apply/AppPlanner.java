package io.sealer.core.internal.apply;

import io.sealer.api.cluster.ClusterPlan;
import io.sealer.api.cluster.Host;
import io.sealer.core.internal.plan.InstallPlan;
import io.sealer.core.internal.plan.StepAction;
import io.sealer.core.internal.plan.StepAction.Exec;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan that installs an application image (sealer's {@code app-installer}: no Kubernetes of its own) on a
 * running cluster: its files to master0 under {@code <dataRoot>/<cluster>/apps/<id>}, its registry content into the
 * running registry's storage on every registry host, then its commands and applications on master0.
 */
public final class AppPlanner {
    private AppPlanner() {
    }

    /** The app plan; {@code input}'s cluster is the running cluster with the app image named in it. */
    public static InstallPlan plan(PlanInput input) {
        ClusterPaths paths = ClusterPaths.of(input.cluster());
        PlanBuilder plan = new PlanBuilder();
        Hooks hooks = new Hooks(plan, input.plugins(), input.cluster());
        List<String> masters = input.cluster().ipsWithRole(Host.ROLE_MASTER);
        String master0 = masters.get(0);
        String appDir = paths.appDir(CreatePlanner.shortId(input.image().id()));
        RootfsViews views = input.views(master0);
        plan.add("distribute", "app", master0, "send the application image's files",
                new StepAction.SendTree(views.rootfs(), appDir, views.rootfsId()));
        List<String> loaded = new ArrayList<>();
        if (input.cluster().registry().external().isEmpty()) {
            boolean ha = input.cluster().registry().local().map(r -> r.ha()).orElse(false);
            for (String host : ha ? masters : List.of(master0)) {
                RootfsViews hostViews = input.views(host);
                String staging = paths.clusterDir() + "/apps/registry-" + CreatePlanner.shortId(input.image().id());
                plan.add("registry", "send-app", host, "send the application image's container images",
                        new StepAction.SendTree(hostViews.registry(), staging, hostViews.registryId()));
                loaded.add(plan.add("registry", "load-app", host, "load them into the running registry",
                        Exec.of(RemoteScripts.mergeRegistry(staging, paths.registryDir()))));
            }
        }
        List<String> after = new ArrayList<>(loaded);
        after.addAll(hooks.at("PreGuest", List.of(master0), loaded));
        CreatePlanner.guest(plan, input, paths, master0, after);
        hooks.at("PostInstall", List.of(master0), List.of());
        return plan.build(input.cluster().name(), input.image().name(), ClusterPlan.APP);
    }
}
