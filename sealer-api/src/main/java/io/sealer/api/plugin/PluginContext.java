package io.sealer.api.plugin;

import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.spi.ExecResult;
import io.sealer.api.spi.RemoteCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a plugin sees when it runs: its own document, the cluster, the hosts it targets, and a way to run commands
 * and move files on any host of the cluster. Commands go through the installer's connections and show up as steps of
 * the install (events, logs), with every secret hidden. This interface is the contract plugin jars compile against;
 * it only grows, compatibly ({@link PluginApi#VERSION}).
 */
public interface PluginContext {
    /** The Plugin document that selected this plugin (its {@code data}, {@code scope}, {@code action}...). */
    PluginSpec spec();

    /** The cluster being installed, scaled or deleted. */
    Cluster cluster();

    /**
     * The hosts this run targets: those the document's {@code on}/{@code scope} selects among the hosts of the
     * phase (for cluster-wide phases such as {@code post-install}: master0).
     */
    List<String> hosts();

    /** The first master, where {@code kubectl} works once the cluster is up. */
    String master0();

    /** The cluster's rootfs directory on every host, e.g. {@code /var/lib/sealer/data/my-cluster/rootfs}. */
    String rootfs();

    /** The cluster image's files on this machine (read only), e.g. to read a file the image ships. */
    Path imageFiles();

    /**
     * Runs a shell command on a host of the cluster with the host's environment exported (as sealer does).
     *
     * @return the exit status and the command's output lines (stdout and stderr, at most the last 10,000)
     * @throws io.sealer.api.HostException when the host cannot be reached or the connection drops
     */
    ExecResult exec(String host, String command);

    /** Runs a command with its own environment, timeout and secrets; see {@link #exec(String, String)}. */
    ExecResult exec(String host, RemoteCommand command);

    /** Copies a local file to the host (its directory must exist). */
    void upload(String host, Path local, String remotePath);

    /** Copies a file of the host to this machine. */
    void download(String host, String remotePath, Path local);

    /** The Kubernetes node name of a host, when the installer knows it (after the host was prepared). */
    Optional<String> nodeName(String host);

    /** Where the plugin logs; the lines reach the installer's log and events. */
    System.Logger logger();
}
