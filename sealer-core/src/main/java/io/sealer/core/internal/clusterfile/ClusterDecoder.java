package io.sealer.core.internal.clusterfile;

import io.sealer.api.ClusterfileException;
import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.ExternalRegistry;
import io.sealer.api.cluster.Host;
import io.sealer.api.cluster.HostAlias;
import io.sealer.api.cluster.LocalRegistry;
import io.sealer.api.cluster.ClusterRegistry;
import io.sealer.api.cluster.SshCredentials;
import io.sealer.core.internal.clusterfile.YamlNode.MapNode;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decodes a {@code kind: Cluster} document of either schema into one {@link Cluster}: v1 ({@code spec.masters.ipList},
 * {@code spec.nodes.ipList}, {@code network}, {@code certSANS}) or v2 ({@code spec.hosts[]} with {@code ips} and
 * {@code roles}). It expands and validates IPs (no duplicates, one IP family), requires a master among the hosts, merges
 * per-host ssh and env over the cluster's, and fills the derived env and registry defaults like sealer main. A Cluster
 * that lists no hosts is accepted with a warning (they come from elsewhere, e.g. {@code sealer run -m}); one that asks
 * for machines to be created ({@code provider: ALI_CLOUD} or {@code CONTAINER}, a {@code count} without IPs) is an
 * error, since this version does not provision hosts.
 */
final class ClusterDecoder {
    /** Most host IPs a Clusterfile may list once ranges are expanded. */
    static final int MAX_IPS = 65_536;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,251}[A-Za-z0-9])?");
    private static final Set<String> ROOT_KEYS = Set.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final Set<String> SPEC_KEYS = Set.of("image", "env", "ssh", "hosts", "cmd_args", "cmdArgs", "cmd",
            "appNames", "containerRuntime", "hostAliases", "dataRoot", "registry", "provider", "network", "certSANS",
            "masters", "nodes");
    private static final Set<String> SSH_KEYS = Set.of("user", "passwd", "pk", "pkPasswd", "port", "encrypted");
    private static final Set<String> HOST_KEYS = Set.of("ips", "roles", "ssh", "env", "labels", "taints");
    private static final Set<String> V1_GROUP_KEYS = Set.of("cpu", "memory", "count", "systemDisk", "dataDisks",
            "ipList");
    private static final Set<String> V1_NETWORK_KEYS = Set.of("podCIDR", "svcCIDR", "interface", "cniName",
            "withoutCNI");

    private final Fields fields;

    ClusterDecoder(Fields fields) {
        this.fields = fields;
    }

    /** A host group before the cluster-wide settings are merged in. */
    private record HostDraft(List<String> ips, List<String> roles, SshCredentials ssh, Map<String, String> env,
            Map<String, String> labels, List<String> taints) {
    }

    Cluster decode(YamlDocument document, MapNode root) {
        String path = document.path();
        fields.warnUnknownKeys(root, path, ROOT_KEYS);
        String apiVersion = orEmpty(fields.optString(root, "apiVersion", path));
        MapNode metadata = fields.requireMap(root, "metadata", path);
        FieldValue name = fields.requireValue(metadata, "name", path + ".metadata");
        if (!NAME.matcher(name.value()).matches()) {
            throw fields.error(name.path(), name.line(), Fields.quote(name.value())
                    + " is not a valid cluster name (letters, digits, '.', '_', '-'; it names a directory on hosts)");
        }
        MapNode spec = fields.requireMap(root, "spec", path);
        String specPath = path + ".spec";
        fields.warnUnknownKeys(spec, specPath, SPEC_KEYS);
        boolean v2 = fields.child(spec, "hosts") != null;
        boolean v1 = fields.child(spec, "masters") != null || fields.child(spec, "nodes") != null;
        if (v1 && v2) {
            throw fields.error(specPath, spec.line(),
                    "has both hosts (v2 schema) and masters/nodes (v1 schema); use one of them");
        }
        checkProvider(spec, specPath, v2);
        String image = fields.requireValue(spec, "image", specPath).value().trim();
        SshCredentials ssh = ssh(spec, specPath);
        Map<String, FieldValue> userEnv = EnvEntries.parse(fields.stringList(spec, "env", specPath), fields);

        IpRegistry ipRegistry = new IpRegistry();
        List<HostDraft> drafts = v2
                ? v2Hosts(spec, specPath, ipRegistry)
                : v1Hosts(spec, specPath, userEnv, ipRegistry);
        if (drafts.isEmpty()) {
            fields.warn(specPath, spec.line(), "lists no hosts (" + (v1 ? "no masters.ipList or nodes.ipList"
                    : v2 ? "no hosts[].ips" : "no hosts, masters or nodes")
                    + "); they must come from elsewhere, such as sealer run -m/-n");
        } else if (drafts.stream().noneMatch(d -> d.roles().contains(Host.ROLE_MASTER))) {
            String at = v2 ? specPath + ".hosts" : specPath + ".masters.ipList";
            throw fields.error(at, spec.line(),
                    "no host has role master: the first IP of the first master host runs kubeadm init");
        }

        ClusterRegistry registry = registry(spec, specPath);
        String containerRuntime = containerRuntime(spec, specPath);
        Map<String, String> env = DerivedEnv.fill(userEnv, registry, containerRuntime, fields);
        List<Host> hosts = new ArrayList<>(drafts.size());
        for (HostDraft draft : drafts) {
            Map<String, String> hostEnv = new LinkedHashMap<>(env);
            hostEnv.putAll(draft.env());
            hosts.add(new Host(draft.ips(), draft.roles(), draft.ssh().mergedOver(ssh), hostEnv, draft.labels(),
                    draft.taints()));
        }
        List<String> cmdArgs = new ArrayList<>(values(fields.stringList(spec, "cmd_args", specPath)));
        cmdArgs.addAll(values(fields.stringList(spec, "cmdArgs", specPath)));
        return new Cluster(name.value(), apiVersion, image, ssh, env, hosts, cmdArgs,
                values(fields.stringList(spec, "cmd", specPath)), values(fields.stringList(spec, "appNames", specPath)),
                containerRuntime, dataRoot(spec, specPath), hostAliases(spec, specPath), registry);
    }

    private List<HostDraft> v2Hosts(MapNode spec, String specPath, IpRegistry ipRegistry) {
        List<MapNode> hostNodes = fields.mapList(spec, "hosts", specPath);
        List<HostDraft> drafts = new ArrayList<>(hostNodes.size());
        for (int i = 0; i < hostNodes.size(); i++) {
            MapNode host = hostNodes.get(i);
            String hostPath = specPath + ".hosts[" + i + "]";
            fields.warnUnknownKeys(host, hostPath, HOST_KEYS);
            List<String> ips = ipRegistry.addAll(fields.stringList(host, "ips", hostPath));
            FieldValue count = fields.optValue(host, "count", hostPath);
            if (ips.isEmpty() && asksForHosts(count)) {
                throw provisioning(count, hostPath + ".ips");
            }
            if (ips.isEmpty()) {
                throw fields.error(hostPath + ".ips", host.line(), "is required: at least one IP address");
            }
            List<String> roles = new ArrayList<>();
            for (FieldValue role : fields.stringList(host, "roles", hostPath)) {
                if (role.value().isBlank()) {
                    throw fields.error(role.path(), role.line(), "is empty");
                }
                roles.add(role.value().trim());
            }
            if (roles.isEmpty()) {
                throw fields.error(hostPath + ".roles", host.line(),
                        "is required: at least one role such as master or node");
            }
            Map<String, String> env = EnvEntries.values(
                    EnvEntries.parse(fields.stringList(host, "env", hostPath), fields));
            drafts.add(new HostDraft(ips, roles, ssh(host, hostPath), env,
                    fields.stringMap(host, "labels", hostPath), values(fields.stringList(host, "taints", hostPath))));
        }
        return drafts;
    }

    private List<HostDraft> v1Hosts(MapNode spec, String specPath, Map<String, FieldValue> userEnv,
            IpRegistry ipRegistry) {
        List<HostDraft> drafts = new ArrayList<>(2);
        v1Group(spec, "masters", Host.ROLE_MASTER, specPath, ipRegistry, drafts);
        v1Group(spec, "nodes", Host.ROLE_NODE, specPath, ipRegistry, drafts);
        MapNode network = fields.optMap(spec, "network", specPath);
        if (network != null) {
            String networkPath = specPath + ".network";
            fields.warnUnknownKeys(network, networkPath, V1_NETWORK_KEYS);
            putIfAbsent(userEnv, "PodCIDR", fields.optValue(network, "podCIDR", networkPath));
            putIfAbsent(userEnv, "SvcCIDR", fields.optValue(network, "svcCIDR", networkPath));
        }
        List<FieldValue> sans = fields.stringList(spec, "certSANS", specPath);
        if (!sans.isEmpty()) {
            putIfAbsent(userEnv, "CertSANs", new FieldValue(String.join(",", values(sans)), specPath + ".certSANS",
                    sans.get(0).line()));
        }
        return drafts;
    }

    private void v1Group(MapNode spec, String key, String role, String specPath, IpRegistry ipRegistry,
            List<HostDraft> drafts) {
        MapNode group = fields.optMap(spec, key, specPath);
        if (group == null) {
            return;
        }
        String groupPath = specPath + "." + key;
        fields.warnUnknownKeys(group, groupPath, V1_GROUP_KEYS);
        List<String> ips = ipRegistry.addAll(fields.stringList(group, "ipList", groupPath));
        FieldValue count = fields.optValue(group, "count", groupPath);
        if (ips.isEmpty() && asksForHosts(count)) {
            throw provisioning(count, groupPath + ".ipList");
        }
        if (!ips.isEmpty()) {
            drafts.add(new HostDraft(ips, List.of(role), SshCredentials.EMPTY, Map.of(), Map.of(), List.of()));
        }
    }

    private static void putIfAbsent(Map<String, FieldValue> env, String key, FieldValue value) {
        if (value != null && !value.value().isBlank()) {
            env.putIfAbsent(key, value);
        }
    }

    /**
     * {@code spec.provider}: {@code BAREMETAL} (or none) uses the listed hosts; {@code ALI_CLOUD} and
     * {@code CONTAINER} asked sealer v0.5-v0.8 to create the machines, which this version does not do.
     */
    private void checkProvider(MapNode spec, String specPath, boolean v2) {
        FieldValue provider = fields.optValue(spec, "provider", specPath);
        if (provider == null) {
            return;
        }
        String name = provider.value().trim();
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.equals("ALI_CLOUD") || upper.equals("CONTAINER")) {
            throw fields.error(provider.path(), provider.line(), Fields.quote(name) + " asks sealer to create the hosts"
                    + (upper.equals("ALI_CLOUD") ? " (Alibaba Cloud ECS instances)" : " (docker containers)")
                    + ": provisioning hosts is not supported; list the hosts' IPs ("
                    + (v2 ? "spec.hosts[].ips" : "spec.masters.ipList and spec.nodes.ipList")
                    + ") and remove spec.provider");
        }
        if (!name.isEmpty() && !name.equals("BAREMETAL")) {
            fields.warn(provider.path(), provider.line(),
                    "provider " + Fields.quote(name) + " is unknown; ignored, the listed hosts are used (BAREMETAL)");
        }
    }

    /** A {@code count} other than 0: the number of machines a cloud provider was to create. */
    private static boolean asksForHosts(FieldValue count) {
        return count != null && !count.value().isBlank() && !count.value().trim().matches("0+");
    }

    private ClusterfileException provisioning(FieldValue count, String ipsPath) {
        return fields.error(count.path(), count.line(), "count " + Fields.quote(count.value().trim())
                + " asks sealer to create hosts (a cloud provider's field): provisioning hosts is not supported; list"
                + " the hosts' IPs in " + ipsPath);
    }

    private SshCredentials ssh(MapNode parent, String parentPath) {
        MapNode ssh = fields.optMap(parent, "ssh", parentPath);
        if (ssh == null) {
            return SshCredentials.EMPTY;
        }
        String path = parentPath + ".ssh";
        fields.warnUnknownKeys(ssh, path, SSH_KEYS);
        if (Boolean.TRUE.equals(fields.optBoolean(ssh, "encrypted", path))) {
            throw fields.error(path + ".encrypted", ssh.get("encrypted").line(),
                    "encrypted passwords (written by sealer v0.7-v0.8) are not supported;"
                            + " write the password in plain text and remove encrypted");
        }
        return new SshCredentials(unset(fields.optString(ssh, "user", path)),
                unset(fields.optString(ssh, "passwd", path)), unset(fields.optString(ssh, "pk", path)),
                unset(fields.optString(ssh, "pkPasswd", path)), fields.optPort(ssh, "port", path));
    }

    private ClusterRegistry registry(MapNode spec, String specPath) {
        MapNode registry = fields.optMap(spec, "registry", specPath);
        if (registry == null) {
            return ClusterRegistry.DEFAULT;
        }
        String path = specPath + ".registry";
        fields.warnUnknownKeys(registry, path, Set.of("localRegistry", "externalRegistry"));
        MapNode local = fields.optMap(registry, "localRegistry", path);
        MapNode external = fields.optMap(registry, "externalRegistry", path);
        return new ClusterRegistry(local == null ? null : localRegistry(local, path + ".localRegistry"),
                external == null ? null : externalRegistry(external, path + ".externalRegistry"));
    }

    private LocalRegistry localRegistry(MapNode local, String path) {
        fields.warnUnknownKeys(local, path, Set.of("domain", "port", "username", "password", "ha", "insecure",
                "cert"));
        FieldValue domain = fields.optValue(local, "domain", path);
        Integer port = fields.optPort(local, "port", path);
        Boolean ha = fields.optBoolean(local, "ha", path);
        Boolean insecure = fields.optBoolean(local, "insecure", path);
        List<String> dnsNames = List.of();
        List<String> ips = List.of();
        MapNode cert = fields.optMap(local, "cert", path);
        if (cert != null) {
            fields.warnUnknownKeys(cert, path + ".cert", Set.of("subjectAltName"));
            MapNode san = fields.optMap(cert, "subjectAltName", path + ".cert");
            if (san != null) {
                String sanPath = path + ".cert.subjectAltName";
                fields.warnUnknownKeys(san, sanPath, Set.of("dnsNames", "ips"));
                dnsNames = values(fields.stringList(san, "dnsNames", sanPath));
                ips = new ArrayList<>();
                for (FieldValue ip : fields.stringList(san, "ips", sanPath)) {
                    ips.add(IpAddresses.format(singleIp(ip)));
                }
            }
        }
        return new LocalRegistry(domain == null ? null : domain(domain), port == null ? 0 : port,
                fields.optString(local, "username", path), fields.optString(local, "password", path),
                ha == null || ha, insecure != null && insecure, dnsNames, ips);
    }

    private ExternalRegistry externalRegistry(MapNode external, String path) {
        fields.warnUnknownKeys(external, path, Set.of("domain", "port", "username", "password"));
        return new ExternalRegistry(domain(fields.requireValue(external, "domain", path)),
                fields.optPort(external, "port", path), fields.optString(external, "username", path),
                fields.optString(external, "password", path));
    }

    private String domain(FieldValue domain) {
        String text = domain.value().trim();
        if (text.isEmpty() || !text.matches("[A-Za-z0-9._-]+")) {
            throw fields.error(domain.path(), domain.line(), Fields.quote(domain.value())
                    + " is not a registry domain (a host name without scheme, port or path; set the port in port)");
        }
        return text;
    }

    private String containerRuntime(MapNode spec, String specPath) {
        MapNode runtime = fields.optMap(spec, "containerRuntime", specPath);
        if (runtime == null) {
            return "";
        }
        fields.warnUnknownKeys(runtime, specPath + ".containerRuntime", Set.of("type"));
        return orEmpty(fields.optString(runtime, "type", specPath + ".containerRuntime")).trim();
    }

    private String dataRoot(MapNode spec, String specPath) {
        FieldValue dataRoot = fields.optValue(spec, "dataRoot", specPath);
        if (dataRoot == null || dataRoot.value().isBlank()) {
            return Cluster.DEFAULT_DATA_ROOT;
        }
        String text = dataRoot.value().trim();
        boolean unsafe = !text.startsWith("/") || text.replaceAll("/+", "/").equals("/")
                || ("/" + text + "/").contains("/../") || text.indexOf('\0') >= 0;
        if (unsafe) {
            throw fields.error(dataRoot.path(), dataRoot.line(), Fields.quote(dataRoot.value())
                    + " is not an absolute directory below / (such as /var/lib/sealer/data)");
        }
        return text;
    }

    private List<HostAlias> hostAliases(MapNode spec, String specPath) {
        List<MapNode> nodes = fields.mapList(spec, "hostAliases", specPath);
        List<HostAlias> aliases = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            MapNode alias = nodes.get(i);
            String path = specPath + ".hostAliases[" + i + "]";
            fields.warnUnknownKeys(alias, path, Set.of("ip", "hostnames"));
            InetAddress ip = singleIp(fields.requireValue(alias, "ip", path));
            List<String> hostnames = values(fields.stringList(alias, "hostnames", path));
            if (hostnames.isEmpty() || hostnames.stream().anyMatch(String::isBlank)) {
                throw fields.error(path + ".hostnames", alias.line(), "is required: one or more host names");
            }
            aliases.add(new HostAlias(IpAddresses.format(ip), hostnames));
        }
        return aliases;
    }

    private InetAddress singleIp(FieldValue value) {
        return IpAddresses.parse(value.value()).orElseThrow(() -> fields.error(value.path(), value.line(),
                Fields.quote(value.value()) + " is not an IP address"));
    }

    private static List<String> values(List<FieldValue> values) {
        return values.stream().map(FieldValue::value).toList();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String unset(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** Host IPs seen so far: expands entries, rejects duplicates and a second IP family. */
    private final class IpRegistry {
        private final Map<String, String> seen = new HashMap<>();
        private Boolean ipv4;
        private String firstPath;

        List<String> addAll(List<FieldValue> entries) {
            List<String> ips = new ArrayList<>();
            for (FieldValue entry : entries) {
                List<String> expanded;
                try {
                    expanded = IpAddresses.expand(entry.value(), MAX_IPS - seen.size());
                } catch (IpAddresses.InvalidIpException e) {
                    throw fields.error(entry.path(), entry.line(), e.getMessage());
                }
                for (String ip : expanded) {
                    String previous = seen.putIfAbsent(ip, entry.path());
                    if (previous != null) {
                        throw fields.error(entry.path(), entry.line(),
                                Fields.quote(ip) + " is listed twice (also at " + previous + ")");
                    }
                    boolean isV4 = ip.indexOf(':') < 0;
                    if (ipv4 == null) {
                        ipv4 = isV4;
                        firstPath = entry.path();
                    } else if (ipv4 != isV4) {
                        throw fields.error(entry.path(), entry.line(), Fields.quote(ip) + " is "
                                + (isV4 ? "IPv4" : "IPv6") + " but " + firstPath + " is " + (ipv4 ? "IPv4" : "IPv6")
                                + "; all hosts must use one IP family");
                    }
                    ips.add(ip);
                }
            }
            return ips;
        }
    }
}
