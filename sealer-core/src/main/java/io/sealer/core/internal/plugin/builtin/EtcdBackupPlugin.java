package io.sealer.core.internal.plugin.builtin;

import io.sealer.api.SealerException;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.plugin.Phase;
import io.sealer.api.plugin.Plugin;
import io.sealer.api.plugin.PluginContext;
import io.sealer.api.spi.ExecResult;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code ETCD}: saves an etcd snapshot of the cluster to this machine. master0 runs
 * {@code ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 ... snapshot save <tmp>} with the healthcheck client
 * certificate kubeadm made, the snapshot is downloaded to the local path {@code data} gives ({@code path: <file>}, or
 * the whole of {@code data} as the path; its directory is created), and the temporary file on master0 is removed.
 * sealer took the path from {@code spec.on}, which also selects hosts; a document written so (no {@code data}, an
 * absolute path in {@code on}) still works, with a warning. sealer fetched the client key to {@code /tmp} of this
 * machine and left it there; here the key never leaves master0.
 */
public final class EtcdBackupPlugin implements Plugin {
    /** The type name. */
    public static final String TYPE = "ETCD";
    /** The etcd client certificates kubeadm makes for health checks. */
    static final String PKI = "/etc/kubernetes/pki/etcd";
    private static final String SNAPSHOT_PREFIX = "/tmp/sealer-etcd-snapshot-";

    private final Supplier<String> uniqueId;

    /** Names the temporary snapshot on master0 with a random UUID. */
    public EtcdBackupPlugin() {
        this(() -> UUID.randomUUID().toString());
    }

    EtcdBackupPlugin(Supplier<String> uniqueId) {
        this.uniqueId = uniqueId;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(PluginContext context, Phase phase) {
        PluginSpec spec = context.spec();
        Path local = localPath(spec, context.logger());
        if (Phases.skipWithoutCluster(context, phase, "an etcd snapshot")) {
            return;
        }
        String master0 = context.master0();
        if (!context.exec(master0, "command -v etcdctl").succeeded()) {
            throw PluginFailures.failed(spec, "etcdctl is not installed on master0 " + master0 + " (not found on its"
                    + " PATH); install etcdctl there, e.g. from the etcd release matching the cluster, or ship it in"
                    + " the cluster image's bin/", null);
        }
        String remote = SNAPSHOT_PREFIX + uniqueId.get() + ".db";
        try {
            ExecResult saved = context.exec(master0, saveCommand(remote));
            if (!saved.succeeded()) {
                throw PluginFailures.commandFailed(spec, master0, "etcdctl snapshot save", saved);
            }
            createParent(spec, local);
            context.download(master0, remote, local);
        } finally {
            remove(context, master0, remote);
        }
        context.logger().log(Level.INFO, "plugin " + spec.name() + ": etcd snapshot of " + master0 + " saved to "
                + local);
    }

    /** The command saving a snapshot to {@code remote} on master0. */
    static String saveCommand(String remote) {
        return "ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 --cacert=" + PKI + "/ca.crt --cert=" + PKI
                + "/healthcheck-client.crt --key=" + PKI + "/healthcheck-client.key snapshot save " + remote;
    }

    /** Where the snapshot goes on this machine, from {@code data} (or sealer's {@code on}). */
    static Path localPath(PluginSpec spec, System.Logger logger) {
        List<DataLine> lines = DataLine.of(spec.data());
        String path;
        if (lines.isEmpty()) {
            if (!spec.scope().strip().startsWith("/")) {
                throw PluginFailures.badData(spec, "empty; expected the local file for the snapshot, as"
                        + " 'path: /backup/etcd.db' or just the path");
            }
            path = spec.scope().strip();
            logger.log(Level.WARNING, "plugin " + spec.name() + " (" + TYPE + ") takes the snapshot path from"
                    + " 'on' as sealer did; write it in data ('path: " + path + "') instead");
        } else if (KeyValueData.isEntry(lines.get(0))) {
            Map<String, KeyValueData.Entry> entries = KeyValueData.parse(spec, Set.of("path"));
            KeyValueData.Entry entry = entries.get("path");
            if (entry == null || entry.value().isEmpty()) {
                throw PluginFailures.badData(spec, "no path; expected 'path: /backup/etcd.db'");
            }
            path = entry.value();
        } else if (lines.size() > 1) {
            throw PluginFailures.badLine(spec, lines.get(1), "expected one path, or 'path: <file>'");
        } else {
            path = lines.get(0).text();
        }
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw PluginFailures.badData(spec, "'" + path + "' is not a valid local path: " + e.getReason());
        }
    }

    private static void createParent(PluginSpec spec, Path local) {
        Path parent = local.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw PluginFailures.failed(spec, "cannot create the directory " + parent + " for the snapshot: " + e,
                    e);
        }
    }

    private static void remove(PluginContext context, String master0, String remote) {
        try {
            ExecResult removed = context.exec(master0, "rm -f " + remote);
            if (!removed.succeeded()) {
                context.logger().log(Level.WARNING, "plugin " + context.spec().name() + ": could not remove "
                        + remote + " on " + master0 + PluginFailures.lastLines(removed.lastLines()));
            }
        } catch (SealerException e) {
            context.logger().log(Level.WARNING, "plugin " + context.spec().name() + ": could not remove " + remote
                    + " on " + master0 + ": " + e.getMessage());
        }
    }
}
