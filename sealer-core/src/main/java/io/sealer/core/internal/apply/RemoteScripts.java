package io.sealer.core.internal.apply;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The remote commands of the install, scale and delete pipelines, as sealer runs them (spec 7.1 and 7.2), made
 * idempotent where sealer's were not (hosts-file edits never add a second copy of a line).
 */
public final class RemoteScripts {
    /** The API server's name in every host's {@code /etc/hosts}. */
    public static final String APISERVER_DOMAIN = "apiserver.cluster.local";
    /** The virtual IP nodes reach the API servers through. */
    public static final String DEFAULT_VIP = "10.103.97.2";
    /** Where the merged kubeadm configuration goes on master0. */
    public static final String KUBEADM_CONFIG = "/etc/kubernetes/kubeadm.yaml";
    /** Where a joining host's kubeadm configuration goes. */
    public static final String KUBEADM_JOIN_CONFIG = "/etc/kubernetes/kubeadm-join.yaml";
    /** The lvscare static pod of a node. */
    public static final String LVSCARE_MANIFEST = "/etc/kubernetes/manifests/kube-lvscare.yaml";
    private static final String PREFLIGHT = "--ignore-preflight-errors=SystemVerification";

    private RemoteScripts() {
    }

    /** Prints the host's name as kubeadm names its node. */
    public static String hostname() {
        return "uname -n";
    }

    /** Adds {@code ip names} to {@code /etc/hosts} unless that exact line is there. */
    public static String addHostsLine(String ip, String names) {
        String line = ip + " " + names;
        return "grep -qxF " + quote(line) + " /etc/hosts || echo " + quote(line) + " >> /etc/hosts";
    }

    /**
     * Makes {@code name} resolve to {@code ip} only: drops other lines for the name first. {@code /etc/hosts} is
     * rewritten in place ({@code cat >}), since it may be a bind mount that cannot be replaced by a rename.
     */
    public static String pointHostsName(String ip, String name) {
        String line = ip + " " + name;
        return "if ! grep -qxF " + quote(line) + " /etc/hosts; then h=$(grep -v " + endsWith(name)
                + " /etc/hosts || true); printf '%s\\n' \"$h\" " + quote(line) + " > /etc/hosts; fi";
    }

    /** Removes every {@code /etc/hosts} line for {@code name}. */
    public static String removeHostsName(String name) {
        return "if grep -q " + endsWith(name) + " /etc/hosts; then h=$(grep -v " + endsWith(name)
                + " /etc/hosts || true); printf '%s\\n' \"$h\" > /etc/hosts; fi";
    }

    /** The image's host preparation: {@code init.sh} with sealer's arguments. */
    public static String initHost(ClusterPaths paths, String registryDomain, int registryPort) {
        return "cd " + paths.rootfs() + " && chmod +x scripts/* && cd scripts && bash init.sh /var/lib/docker "
                + registryDomain + " " + registryPort;
    }

    /** Copies the image's static control-plane files (the audit policy) into {@code /etc/kubernetes}. */
    public static String copyStatics(ClusterPaths paths) {
        String statics = paths.rootfs() + "/statics";
        return "if [ -d " + statics + " ]; then mkdir -p /etc/kubernetes && cp -rf " + statics
                + "/. /etc/kubernetes/; fi";
    }

    /** Starts the image's registry on a registry host. */
    public static String initRegistry(ClusterPaths paths, String domain, int port) {
        return "cd " + paths.rootfs() + "/scripts && bash init-registry.sh " + port + " " + paths.registryDir() + " "
                + domain;
    }

    /** {@code kubeadm init} on master0, printing the join command. */
    public static String kubeadmInit() {
        return "kubeadm init --config=" + KUBEADM_CONFIG + " --upload-certs -v 0 " + PREFLIGHT;
    }

    /** {@code kubeadm join} with the host's join configuration. */
    public static String kubeadmJoin() {
        return "kubeadm join --config=" + KUBEADM_JOIN_CONFIG + " -v 0 " + PREFLIGHT;
    }

    /** A fresh join command and certificate key, for hosts joining after the install (tokens expire). */
    public static String refreshJoin(boolean certificateKey) {
        String token = "kubeadm token create --print-join-command";
        return certificateKey
                ? "echo \"--certificate-key $(kubeadm init phase upload-certs --upload-certs | tail -n 1)\" && " + token
                : token;
    }

    /** Root's kubeconfig from the admin configuration. */
    public static String adminKubeconfig() {
        return "mkdir -p /root/.kube && cp -f /etc/kubernetes/admin.conf /root/.kube/config";
    }

    /** The node's route to the VIP and the IPVS rules to the masters' API servers (through the image's seautil). */
    public static String nodeIpvs(String vip, String nodeIp, List<String> masters) {
        return "if ! seautil route check --host " + vip + "; then seautil route add --host " + vip + " --gateway "
                + nodeIp + "; fi && seautil ipvs --vs " + vip + ":6443 " + realServers(masters)
                + " --health-path /healthz --health-schem https --run-once";
    }

    /** The lvscare static pod that keeps a node's IPVS rules to the masters. */
    public static String lvscareManifest(String registryUrl, String vip, List<String> masters) {
        String args = masters.stream().map(m -> "    - --rs\n    - " + m + ":6443\n").collect(Collectors.joining());
        return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-lvscare\n  namespace: kube-system\n"
                + "  labels:\n    app: kube-lvscare\nspec:\n  hostNetwork: true\n  priorityClassName: system-node-critical\n"
                + "  containers:\n  - name: kube-lvscare\n    image: " + registryUrl + "/sealerio/lvscare:v1.1.3-beta.8\n"
                + "    command: [\"/usr/bin/lvscare\"]\n    args:\n    - care\n    - --vs\n    - " + vip + ":6443\n"
                + "    - --health-path\n    - /healthz\n    - --health-schem\n    - https\n" + args
                + "    securityContext:\n      privileged: true\n    volumeMounts:\n    - mountPath: /lib/modules\n"
                + "      name: lib-modules\n      readOnly: true\n  volumes:\n  - hostPath:\n      path: /lib/modules\n"
                + "    name: lib-modules\n";
    }

    /** Runs an image command on master0 from the rootfs, as sealer's guest does. */
    public static String guest(String dir, String command) {
        return "cd " + dir + " && " + command;
    }

    /** Drains and deletes a node, from master0. */
    public static String deleteNode(String node) {
        return "kubectl drain " + node + " --ignore-daemonsets --delete-emptydir-data --force --timeout=300s"
                + " ; kubectl delete node " + node + " --ignore-not-found";
    }

    /** Resets Kubernetes on a host (sealer main's reset, tolerant of what is already gone). */
    public static String reset() {
        return "if which kubeadm > /dev/null 2>&1; then kubeadm reset -f -v 0; fi"
                + " && rm -rf /etc/kubernetes/* /etc/systemd/system/kubelet.service.d"
                + " /etc/systemd/system/kubelet.service /usr/bin/kubelet-pre-start.sh /var/lib/kubelet/*"
                + " /etc/sysctl.d/k8s.conf /etc/cni /opt/cni /var/lib/etcd/* /var/etcd/* /root/.kube/config";
    }

    /** Removes the registry container on a registry host. */
    public static String removeRegistry() {
        return "if docker inspect sealer-registry > /dev/null 2>&1; then docker rm -f sealer-registry; fi"
                + " && if nerdctl ps -a 2> /dev/null | grep -q sealer-registry; then nerdctl rm -f sealer-registry;"
                + " fi; true";
    }

    /** Runs the image's {@code clean.sh}, if it has one, then removes the cluster's directory on the host. */
    public static String cleanHost(ClusterPaths paths) {
        String clean = paths.rootfs() + "/scripts/clean.sh";
        return "if [ -f " + clean + " ]; then cd " + paths.rootfs() + "/scripts && bash clean.sh; fi"
                + " && (! mountpoint -q " + paths.rootfs() + " || umount -lf " + paths.rootfs() + ")"
                + " && rm -rf " + paths.clusterDir();
    }

    /** Loads an application image's registry content into the running registry's storage. */
    public static String mergeRegistry(String from, String into) {
        return "if [ -d " + from + " ]; then mkdir -p " + into + " && cp -a -n " + from + "/. " + into + "/; fi";
    }

    private static String endsWith(String name) {
        return quote("[[:space:]]" + name.replace(".", "\\.") + "$");
    }

    private static String realServers(List<String> masters) {
        return masters.stream().map(m -> "--rs " + m + ":6443").collect(Collectors.joining(" "));
    }

    /** Single-quotes a word for bash. */
    public static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
