package io.sealer.core.internal.apply.state;

import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.ClusterRegistry;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.ConfigSpec;
import io.sealer.api.cluster.ExternalRegistry;
import io.sealer.api.cluster.Host;
import io.sealer.api.cluster.HostAlias;
import io.sealer.api.cluster.LocalRegistry;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.cluster.SshCredentials;
import io.sealer.core.internal.clusterfile.ClusterfileParser;
import io.sealer.core.internal.clusterfile.YamlDocuments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a {@link Clusterfile} as YAML that {@link ClusterfileParser} reads back to an equal one: the Cluster in the v2
 * schema ({@code apiVersion: sealer.io/v2}, {@code spec.hosts} with roles), then the Plugin and Config documents
 * ({@code sealer.io/v1}), then the kubeadm and other documents as they were. Left out because the parser derives them:
 * the environment entries it sets itself, each host's settings that equal the cluster's, and the registry when it is
 * the default. What does not survive: the source name, warnings, the Cluster's original {@code apiVersion}, document
 * positions and comments; and a scalar that the model keeps as text although YAML types it (a kubeadm document's
 * {@code 0644}) comes back quoted, which this parser reads the same but a Go reader as a string. Stateless.
 */
public final class ClusterfileWriter {
    /** apiVersion of the Cluster document written. */
    public static final String CLUSTER_API_VERSION = "sealer.io/v2";
    /** apiVersion of the Plugin and Config documents written. */
    public static final String PLUGIN_API_VERSION = "sealer.io/v1";

    /** {@code clusterfile} as YAML. */
    public String write(Clusterfile clusterfile) {
        List<Object> documents = new ArrayList<>();
        documents.add(cluster(clusterfile.cluster()));
        clusterfile.plugins().forEach(p -> documents.add(plugin(p)));
        clusterfile.configs().forEach(c -> documents.add(config(c)));
        clusterfile.kubeadmDocuments().forEach(d -> documents.add(d.content()));
        clusterfile.otherDocuments().forEach(d -> documents.add(d.content()));
        return YamlDocuments.write(documents);
    }

    private static Map<String, Object> cluster(Cluster cluster) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("image", cluster.image());
        List<String> env = new ArrayList<>();
        cluster.env().forEach((key, value) -> {
            if (!ClusterfileParser.isDerivedEnv(key)) {
                env.add(key + "=" + value);
            }
        });
        putList(spec, "env", env);
        putMap(spec, "ssh", ssh(cluster.ssh(), SshCredentials.EMPTY));
        List<Object> hosts = new ArrayList<>();
        for (Host host : cluster.hosts()) {
            hosts.add(host(host, cluster));
        }
        putList(spec, "hosts", hosts);
        putList(spec, "cmd_args", cluster.cmdArgs());
        putList(spec, "cmd", cluster.cmds());
        putList(spec, "appNames", cluster.appNames());
        if (!cluster.containerRuntime().isEmpty()) {
            spec.put("containerRuntime", Map.of("type", cluster.containerRuntime()));
        }
        if (!cluster.dataRoot().equals(Cluster.DEFAULT_DATA_ROOT)) {
            spec.put("dataRoot", cluster.dataRoot());
        }
        List<Object> aliases = new ArrayList<>();
        for (HostAlias alias : cluster.hostAliases()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("ip", alias.ip());
            entry.put("hostnames", alias.hostnames());
            aliases.add(entry);
        }
        putList(spec, "hostAliases", aliases);
        if (!cluster.registry().equals(ClusterRegistry.DEFAULT)) {
            spec.put("registry", registry(cluster.registry()));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", CLUSTER_API_VERSION);
        document.put("kind", "Cluster");
        document.put("metadata", Map.of("name", cluster.name()));
        document.put("spec", spec);
        return document;
    }

    private static Map<String, Object> host(Host host, Cluster cluster) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("ips", host.ips());
        entry.put("roles", host.roles());
        putMap(entry, "ssh", ssh(host.ssh(), cluster.ssh()));
        List<String> env = new ArrayList<>();
        host.env().forEach((key, value) -> {
            if (!Objects.equals(cluster.env().get(key), value)) {
                env.add(key + "=" + value);
            }
        });
        putList(entry, "env", env);
        putMap(entry, "labels", host.labels());
        putList(entry, "taints", host.taints());
        return entry;
    }

    /** The fields of {@code ssh} that differ from {@code inherited} (sealer writes the port as a string). */
    private static Map<String, Object> ssh(SshCredentials ssh, SshCredentials inherited) {
        Map<String, Object> fields = new LinkedHashMap<>();
        putChanged(fields, "user", ssh.user(), inherited.user());
        putChanged(fields, "passwd", ssh.password(), inherited.password());
        putChanged(fields, "pk", ssh.privateKey(), inherited.privateKey());
        putChanged(fields, "pkPasswd", ssh.privateKeyPassword(), inherited.privateKeyPassword());
        putChanged(fields, "port", ssh.port() == null ? null : ssh.port().toString(),
                inherited.port() == null ? null : inherited.port().toString());
        return fields;
    }

    private static Map<String, Object> registry(ClusterRegistry registry) {
        Map<String, Object> fields = new LinkedHashMap<>();
        LocalRegistry local = registry.localRegistry();
        if (local != null) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("domain", local.domain());
            entry.put("port", (long) local.port());
            putText(entry, "username", local.username());
            putText(entry, "password", local.password());
            if (!local.ha()) {
                entry.put("ha", false);
            }
            if (local.insecure()) {
                entry.put("insecure", true);
            }
            if (!local.certDnsNames().isEmpty() || !local.certIps().isEmpty()) {
                Map<String, Object> san = new LinkedHashMap<>();
                putList(san, "dnsNames", local.certDnsNames());
                putList(san, "ips", local.certIps());
                entry.put("cert", Map.of("subjectAltName", san));
            }
            fields.put("localRegistry", entry);
        }
        ExternalRegistry external = registry.externalRegistry();
        if (external != null) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("domain", external.domain());
            if (external.port() != null) {
                entry.put("port", (long) external.port());
            }
            putText(entry, "username", external.username());
            putText(entry, "password", external.password());
            fields.put("externalRegistry", entry);
        }
        return fields;
    }

    private static Map<String, Object> plugin(PluginSpec plugin) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", plugin.type());
        spec.put("action", String.join("|", plugin.actions()));
        putText(spec, "scope", plugin.scope());
        spec.put("data", plugin.data());
        return document("Plugin", plugin.name(), spec);
    }

    private static Map<String, Object> config(ConfigSpec config) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("path", config.path());
        putText(spec, "appName", config.appName());
        spec.put("strategy", config.strategy());
        if (!config.process().isEmpty()) {
            spec.put("process", String.join("|", config.process()));
        }
        spec.put("data", config.data());
        return document("Config", config.name(), spec);
    }

    private static Map<String, Object> document(String kind, String name, Map<String, Object> spec) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", PLUGIN_API_VERSION);
        document.put("kind", kind);
        if (!name.isEmpty()) {
            document.put("metadata", Map.of("name", name));
        }
        document.put("spec", spec);
        return document;
    }

    private static void putChanged(Map<String, Object> map, String key, String value, String inherited) {
        if (value != null && !value.equals(inherited)) {
            map.put(key, value);
        }
    }

    private static void putText(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }

    private static void putList(Map<String, Object> map, String key, List<?> values) {
        if (!values.isEmpty()) {
            map.put(key, values);
        }
    }

    private static void putMap(Map<String, Object> map, String key, Map<String, ?> values) {
        if (!values.isEmpty()) {
            map.put(key, values);
        }
    }
}
