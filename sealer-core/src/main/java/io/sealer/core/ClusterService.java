package io.sealer.core;

import io.sealer.api.cluster.ApplyOptions;
import io.sealer.api.cluster.ApplyResult;
import io.sealer.api.cluster.CheckResult;
import io.sealer.api.cluster.ClusterDocuments;
import io.sealer.api.cluster.ClusterPlan;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.HostExecResult;
import io.sealer.core.internal.apply.ClusterOperations;
import io.sealer.core.internal.client.ClientRuntime;
import io.sealer.core.internal.clusterfile.ClusterfileParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Clusters described by Clusterfiles: read and validate them, and install, scale, inspect and delete the clusters
 * they describe on their hosts over SSH. Obtained from {@link SealerClient#clusters()}; thread-safe.
 *
 * <p>Each {@code plan...} method is the dry run of the method of the same name without the prefix: it works out the
 * steps without connecting to anything. Applied clusters are saved under {@code <store root>/clusters/<name>}
 * (the Clusterfile with its passwords encrypted, and the journal of finished steps that lets a failed apply be
 * re-run from where it stopped).
 */
public final class ClusterService {
    private final ClusterfileParser parser = new ClusterfileParser();
    private final ClusterOperations operations;

    ClusterService(ClientRuntime runtime) {
        this.operations = new ClusterOperations(runtime);
    }

    /**
     * Parses and validates a Clusterfile (all its documents).
     *
     * @throws io.sealer.api.ClusterfileException naming the file, document field path and problem
     */
    public Clusterfile load(Path clusterfile) {
        return parser.parse(clusterfile);
    }

    /**
     * Parses and validates Clusterfile text.
     *
     * @param source a name for the text in error messages
     * @throws io.sealer.api.ClusterfileException naming the source, document field path and problem
     */
    public Clusterfile parse(String source, String yamlText) {
        return parser.parse(source, yamlText);
    }

    /**
     * Parses and validates a YAML file of Plugin, Config, kubeadm (and Cluster) documents without requiring a
     * Cluster: the files of an image's {@code plugins/} directory, or a Clusterfile.
     *
     * @throws io.sealer.api.ClusterfileException naming the file, document field path and problem
     */
    public ClusterDocuments loadDocuments(Path file) {
        return parser.parseDocuments(file);
    }

    /** Applies the Clusterfile at {@code clusterfile} with the default options; see {@link #apply(Clusterfile, ApplyOptions)}. */
    public ApplyResult apply(Path clusterfile) {
        return apply(load(clusterfile), ApplyOptions.DEFAULTS);
    }

    /**
     * Makes the cluster what the Clusterfile says: installs it when this store has not applied it before, adds or
     * removes hosts when their list changed, installs an application image on the running cluster, or does nothing
     * when it already matches. A failed apply can be re-run: it resumes at the first unfinished step.
     *
     * @throws io.sealer.api.StepFailedException naming the host, step, exit status and last output lines
     * @throws io.sealer.api.HostException when a host cannot be reached or its host key is not trusted (before anything
     *     runs)
     */
    public ApplyResult apply(Clusterfile clusterfile, ApplyOptions options) {
        return operations.apply(clusterfile, options);
    }

    /** The plan {@link #apply(Clusterfile, ApplyOptions)} would execute, without connecting to anything. */
    public ClusterPlan plan(Clusterfile clusterfile) {
        return operations.plan(clusterfile);
    }

    /**
     * Adds masters and nodes to an applied cluster (their login: the cluster's SSH settings).
     *
     * @throws io.sealer.api.ClusterNotFoundException when this store has not applied the cluster
     */
    public ApplyResult join(String cluster, List<String> masters, List<String> nodes, ApplyOptions options) {
        return operations.join(cluster, masters, nodes, options);
    }

    /** The plan of {@link #join}. */
    public ClusterPlan planJoin(String cluster, List<String> masters, List<String> nodes) {
        return operations.planJoin(cluster, masters, nodes);
    }

    /** Removes hosts from an applied cluster: drains and deletes their nodes, resets and cleans the hosts. */
    public ApplyResult remove(String cluster, List<String> hosts, ApplyOptions options) {
        return operations.remove(cluster, hosts, options);
    }

    /** The plan of {@link #remove}. */
    public ClusterPlan planRemove(String cluster, List<String> hosts) {
        return operations.planRemove(cluster, hosts);
    }

    /** Resets every host of an applied cluster, removes its registry and rootfs, and forgets the cluster. */
    public ApplyResult delete(String cluster, ApplyOptions options) {
        return operations.delete(cluster, options);
    }

    /** The plan of {@link #delete}. */
    public ClusterPlan planDelete(String cluster) {
        return operations.planDelete(cluster);
    }

    /**
     * Runs a shell command on the hosts of an applied cluster (those with {@code role}, or all), in parallel.
     *
     * @return one result per host, in the Clusterfile's order; a failed command is a result, not an exception
     */
    public List<HostExecResult> exec(String cluster, String command, Optional<String> role, ApplyOptions options) {
        return operations.exec(cluster, command, role, options);
    }

    /**
     * Checks an applied cluster: with {@code hosts}, sealer's host checks (unique hostnames, clocks within a minute of
     * this machine's), which it left unwired; with {@code cluster}, its Checker through kubectl on master0 (every node
     * ready, pods running, services with endpoints).
     *
     * @throws io.sealer.api.ClusterNotFoundException when this store has not applied the cluster
     */
    public CheckResult check(String cluster, boolean hosts, boolean clusterState, ApplyOptions options) {
        return operations.check(cluster, hosts, clusterState, options);
    }

    /** The Clusterfile last applied for {@code cluster} with this store, passwords decrypted. */
    public Optional<Clusterfile> saved(String cluster) {
        return operations.saved(cluster);
    }

    /** The names of the clusters applied with this store. */
    public List<String> list() {
        return operations.list();
    }
}
