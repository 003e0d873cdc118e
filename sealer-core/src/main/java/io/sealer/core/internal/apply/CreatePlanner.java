package io.sealer.core.internal.apply;

import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.ClusterPlan;
import io.sealer.api.cluster.Host;
import io.sealer.api.cluster.LocalRegistry;
import io.sealer.core.internal.plan.Capture;
import io.sealer.core.internal.plan.Facts;
import io.sealer.core.internal.plan.InstallPlan;
import io.sealer.core.internal.plan.StepAction;
import io.sealer.core.internal.plan.StepAction.Exec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plan that installs a new cluster (spec 7.1's create pipeline, with 7.2's improvements): per host its name,
 * host aliases, the rootfs and {@code init.sh}; the registry on master0 (every master with {@code ha}) and its
 * hosts entries; the merged kubeadm configuration and {@code kubeadm init} on master0; masters joined one at a time,
 * nodes in parallel behind the IPVS VIP where the image ships {@code seautil}; then the image's commands and
 * applications on master0. Plugin hooks sit at their phases.
 */
public final class CreatePlanner {
    private CreatePlanner() {
    }

    /** The create plan of {@code input}. */
    public static InstallPlan plan(PlanInput input) {
        Cluster cluster = input.cluster();
        ClusterPaths paths = ClusterPaths.of(cluster);
        PlanBuilder plan = new PlanBuilder();
        Hooks hooks = new Hooks(plan, input.plugins(), input.cluster());
        List<String> masters = cluster.ipsWithRole(Host.ROLE_MASTER);
        List<String> all = cluster.allIps();
        List<String> nodes = all.stream().filter(ip -> !masters.contains(ip)).toList();
        String master0 = masters.get(0);

        HostPreparation prepare = new HostPreparation(plan, input, paths);
        hooks.at("Originally", all, List.of());
        hooks.at("pre-install", List.of(master0), List.of());
        List<String> registryReady = prepare.hosts(all, masters, masters, hooks);
        hooks.at("PreInit", all, List.of());

        KubernetesSteps kube = new KubernetesSteps(plan, input, paths, masters);
        String init = kube.initMaster0(registryReady);
        String lastMaster = init;
        for (String master : masters.subList(1, masters.size())) {
            lastMaster = kube.joinMaster(master, lastMaster, registryReady);
        }
        List<String> joined = new ArrayList<>(List.of(lastMaster));
        for (String node : nodes) {
            joined.add(kube.joinNode(node, lastMaster, registryReady));
        }
        joined.addAll(kube.nodeMetadata(all, joined));
        hooks.at("post-init-host", all, joined);
        List<String> afterHooks = new ArrayList<>(joined);
        afterHooks.addAll(hooks.at("PreGuest", all, joined));
        guest(plan, input, paths, master0, afterHooks);
        List<String> done = new ArrayList<>(afterHooks);
        Optional.ofNullable(plan.last(master0)).ifPresent(done::add);
        hooks.at("PostInstall", all, done); // also post-install: one phase in both spellings (on master0 when v2)
        return plan.build(cluster.name(), input.image().name(), ClusterPlan.CREATE);
    }

    /** The image's commands and applications on master0, in order. */
    static void guest(PlanBuilder plan, PlanInput input, ClusterPaths paths, String master0, List<String> after) {
        List<String> commands = GuestCommands.of(input.cluster(), input.image().config(), input.image().appImage(),
                input.clusterfile().source());
        String dir = input.image().appImage() ? paths.appDir(shortId(input.image().id())) : paths.rootfs();
        int index = 1;
        for (String command : commands) {
            plan.addAfterAll("guest", "cmd-" + index++, master0, "run " + command,
                    Exec.of(RemoteScripts.guest(dir, command)), after);
        }
    }

    static String shortId(String imageId) {
        String hex = imageId.startsWith("sha256:") ? imageId.substring(7) : imageId;
        return hex.substring(0, Math.min(12, hex.length()));
    }

    /** The steps that prepare hosts: name, aliases, rootfs, init.sh, registry. */
    static final class HostPreparation {
        private final PlanBuilder plan;
        private final PlanInput input;
        private final ClusterPaths paths;

        HostPreparation(PlanBuilder plan, PlanInput input, ClusterPaths paths) {
            this.plan = plan;
            this.input = input;
            this.paths = paths;
        }

        /**
         * Prepares {@code hosts}: aliases and rootfs, the {@code pre-init-host} hooks, {@code init.sh}, then the
         * registry on those of {@code newMasters} that run one and its hosts entry everywhere.
         *
         * @return the ids every later registry user waits for
         */
        List<String> hosts(List<String> hosts, List<String> newMasters, List<String> allMasters, Hooks hooks) {
            for (String host : hosts) {
                nameAndAliases(host);
                rootfs(host);
            }
            hooks.at("pre-init-host", hosts, List.of());
            for (String host : hosts) {
                init(host);
            }
            return registry(newMasters, hosts, allMasters);
        }

        void nameAndAliases(String host) {
            var aliases = input.cluster().hostAliases();
            if (!aliases.isEmpty()) {
                StringBuilder script = new StringBuilder();
                aliases.forEach(a -> script.append(script.length() == 0 ? "" : " && ")
                        .append(RemoteScripts.addHostsLine(a.ip(), String.join(" ", a.hostnames()))));
                plan.add("prepare", "host-aliases", host, "add the host aliases to /etc/hosts",
                        Exec.of(script.toString()));
            }
        }

        void rootfs(String host) {
            Distribution.SSH_TREE.distribute(plan, host, input.views(host), paths);
        }

        void init(String host) {
            LocalRegistry registry = localRegistry();
            plan.add("init", "init.sh", host, "prepare the host (init.sh)", Exec.withEnv(
                    RemoteScripts.initHost(paths, registry.domain(), registry.port()),
                    HostEnv.of(input.cluster(), host)));
            if (input.cluster().ipsWithRole(Host.ROLE_MASTER).contains(host)) {
                plan.add("init", "statics", host, "the control plane's static files (audit policy)",
                        Exec.of(RemoteScripts.copyStatics(paths)));
            }
        }

        /**
         * The registry on those of {@code newMasters} that run one (master0 only, or every master with {@code ha})
         * and the hosts entry for it on {@code hosts}.
         *
         * @param allMasters every master of the cluster, master0 first
         * @return the ids every later registry user waits for
         */
        List<String> registry(List<String> newMasters, List<String> hosts, List<String> allMasters) {
            List<String> ready = new ArrayList<>();
            if (input.cluster().registry().external().isPresent()) {
                return ready;
            }
            LocalRegistry registry = localRegistry();
            List<String> registryHosts = registry.ha() ? allMasters : List.of(allMasters.get(0));
            for (String host : registryHosts.stream().filter(newMasters::contains).toList()) {
                RootfsViews views = input.views(host);
                plan.add("registry", "send", host, "send the registry's storage",
                        new StepAction.SendTree(views.registry(), paths.registryDir(), views.registryId()));
                ready.add(plan.add("registry", "init-registry.sh", host, "start the registry (init-registry.sh)",
                        Exec.withEnv(RemoteScripts.initRegistry(paths, registry.domain(), registry.port()),
                                HostEnv.of(input.cluster(), host))));
            }
            for (String host : hosts) {
                String target = registryHosts.contains(host) ? host : allMasters.get(0);
                ready.add(plan.add("registry", "hosts", host, "resolve " + registry.domain() + " to " + target,
                        Exec.of(RemoteScripts.pointHostsName(target, registry.domain()))));
            }
            return ready;
        }

        private LocalRegistry localRegistry() {
            return input.cluster().registry().local().orElse(LocalRegistry.DEFAULT);
        }
    }

    /** The Kubernetes steps: kubeadm init, joins, node balancing. */
    static final class KubernetesSteps {
        private final PlanBuilder plan;
        private final PlanInput input;
        private final List<String> masters;
        private final String vip;

        KubernetesSteps(PlanBuilder plan, PlanInput input, ClusterPaths paths, List<String> masters) {
            this.plan = plan;
            this.input = input;
            this.masters = masters;
            this.vip = input.cluster().env().getOrDefault("IPvsVIPv4", RemoteScripts.DEFAULT_VIP);
        }

        String initMaster0(List<String> registryReady) {
            String master0 = masters.get(0);
            plan.add("kubeadm", "config", master0, "write the merged kubeadm configuration",
                    new StepAction.SendFile(input.kubeadm().initConfig(), RemoteScripts.KUBEADM_CONFIG, "0600"));
            plan.add("init-master0", "apiserver-hosts", master0, "resolve the API server to master0",
                    Exec.of(RemoteScripts.pointHostsName(master0, RemoteScripts.APISERVER_DOMAIN)));
            nodeName(master0, "init-master0");
            plan.addAfterAll("init-master0", "kubeadm-init", master0, "kubeadm init",
                    new Exec(RemoteScripts.kubeadmInit(), HostEnv.of(input.cluster(), master0), Set.of(),
                            Optional.of(Capture.KUBEADM_JOIN)), registryReady);
            return plan.add("init-master0", "kubeconfig", master0, "root's kubeconfig",
                    Exec.of(RemoteScripts.adminKubeconfig()));
        }

        String joinMaster(String master, String previous, List<String> registryReady) {
            // after the step that learned the join token (the file holds its placeholders)
            plan.add("join-masters", "config", master, "write the join configuration",
                    new StepAction.SendFile(input.kubeadm().joinConfig(master, true,
                            RemoteScripts.APISERVER_DOMAIN + ":6443"), RemoteScripts.KUBEADM_JOIN_CONFIG, "0600"),
                    previous);
            plan.add("join-masters", "apiserver-hosts", master, "resolve the API server to master0",
                    Exec.of(RemoteScripts.pointHostsName(masters.get(0), RemoteScripts.APISERVER_DOMAIN)));
            List<String> after = new ArrayList<>(registryReady);
            after.add(previous);
            nodeName(master, "join-masters");
            plan.addAfterAll("join-masters", "kubeadm-join", master, "kubeadm join (control plane)",
                    Exec.withEnv(RemoteScripts.kubeadmJoin(), HostEnv.of(input.cluster(), master)), after);
            plan.add("join-masters", "apiserver-self", master, "resolve the API server to this master",
                    Exec.of(RemoteScripts.pointHostsName(master, RemoteScripts.APISERVER_DOMAIN)));
            return plan.add("join-masters", "kubeconfig", master, "root's kubeconfig",
                    Exec.of(RemoteScripts.adminKubeconfig()));
        }

        String joinNode(String node, String mastersDone, List<String> registryReady) {
            boolean ipvs = input.image().hasSeautil();
            String endpoint = ipvs ? vip + ":6443" : RemoteScripts.APISERVER_DOMAIN + ":6443";
            // after the step that learned the join token (the file holds its placeholders)
            plan.add("join-nodes", "config", node, "write the join configuration", new StepAction.SendFile(
                    input.kubeadm().joinConfig(node, false, endpoint), RemoteScripts.KUBEADM_JOIN_CONFIG, "0600"),
                    mastersDone);
            if (ipvs) {
                plan.add("join-nodes", "apiserver-hosts", node, "resolve the API server to the VIP",
                        Exec.of(RemoteScripts.pointHostsName(vip, RemoteScripts.APISERVER_DOMAIN)));
                plan.add("join-nodes", "ipvs", node, "route the VIP to the masters (seautil)",
                        Exec.of(RemoteScripts.nodeIpvs(vip, node, masters)));
            } else {
                plan.add("join-nodes", "apiserver-hosts", node, "resolve the API server to master0",
                        Exec.of(RemoteScripts.pointHostsName(masters.get(0), RemoteScripts.APISERVER_DOMAIN)));
            }
            List<String> after = new ArrayList<>(registryReady);
            after.add(mastersDone);
            nodeName(node, "join-nodes");
            String join = plan.addAfterAll("join-nodes", "kubeadm-join", node, "kubeadm join",
                    Exec.withEnv(RemoteScripts.kubeadmJoin(), HostEnv.of(input.cluster(), node)), after);
            if (ipvs) {
                join = lvscare(node);
            }
            return join;
        }

        /**
         * Reads the host's name right before kubeadm registers it (so a HOSTNAME plugin's change is seen): the node
         * name later steps and plugins use.
         */
        void nodeName(String host, String phase) {
            plan.add(phase, "node-name", host, "read the host's name (its node name)",
                    new Exec(RemoteScripts.hostname(), Map.of(), Set.of(), Optional.of(Capture.HOSTNAME)));
        }

        /**
         * The Clusterfile's host {@code labels} and {@code taints} (sealer v2) set on the nodes of {@code hosts}
         * through kubectl on master0, once they have joined.
         *
         * @return the ids of the added steps
         */
        List<String> nodeMetadata(List<String> hosts, List<String> after) {
            List<String> ids = new ArrayList<>();
            String master0 = masters.get(0);
            for (String host : hosts) {
                Host group = input.cluster().hostOf(host).orElse(null);
                if (group == null || group.labels().isEmpty() && group.taints().isEmpty()) {
                    continue;
                }
                String node = Facts.placeholder(Facts.hostname(host));
                List<String> commands = new ArrayList<>();
                if (!group.labels().isEmpty()) {
                    StringBuilder labels = new StringBuilder();
                    group.labels().forEach((k, v) -> labels.append(' ').append(RemoteScripts.quote(k + "=" + v)));
                    commands.add("kubectl label node " + node + labels + " --overwrite");
                }
                for (String taint : group.taints()) {
                    commands.add("kubectl taint node " + node + " " + RemoteScripts.quote(taint) + " --overwrite");
                }
                ids.add(plan.addAfterAll("node-metadata", "labels-" + host, master0, "labels and taints of " + host,
                        Exec.of(String.join(" && ", commands)), after));
            }
            return ids;
        }

        String lvscare(String node) {
            String registryUrl = input.cluster().registry().url();
            return plan.add("join-nodes", "lvscare", node, "the lvscare static pod",
                    new StepAction.SendFile(RemoteScripts.lvscareManifest(registryUrl, vip, masters),
                            RemoteScripts.LVSCARE_MANIFEST, "0644"));
        }
    }
}
