package io.sealer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The Clusterfile {@code sealer run} makes of its flags: a v2 {@code Cluster} document with {@code spec.image},
 * {@code spec.ssh}, {@code spec.env}, {@code spec.cmd_args} and {@code spec.hosts} (the masters with role
 * {@code master}, the nodes with role {@code node}). Every string is written double-quoted, so a password such as
 * {@code 000000}, {@code yes} or {@code a:"b"} reads back as the same string.
 *
 * @param name the cluster's name
 * @param image the cluster image
 * @param masters master IPs, expanded
 * @param nodes node IPs, expanded
 * @param user SSH user, or {@code null}
 * @param password SSH password, or {@code null}
 * @param privateKey path of the SSH private key, or {@code null}
 * @param privateKeyPassword passphrase of the key, or {@code null}
 * @param port SSH port, or {@code null}
 * @param env {@code K=V} entries
 * @param cmdArgs {@code K=V} entries for the image's commands
 */
record RunClusterfile(String name, String image, List<String> masters, List<String> nodes, String user,
        String password, String privateKey, String privateKeyPassword, Integer port, List<String> env,
        List<String> cmdArgs) {
    /** The apiVersion written, as sealer main writes it. */
    static final String API_VERSION = "sealer.io/v2";

    RunClusterfile {
        masters = List.copyOf(masters);
        nodes = List.copyOf(nodes);
        env = List.copyOf(env);
        cmdArgs = List.copyOf(cmdArgs);
    }

    /** The Clusterfile as YAML text. Holds the password: never print it. */
    String yaml() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        root.put("apiVersion", API_VERSION);
        root.put("kind", "Cluster");
        root.putObject("metadata").put("name", name);
        ObjectNode spec = root.putObject("spec");
        spec.put("image", image);
        ObjectNode ssh = spec.putObject("ssh");
        putIfSet(ssh, "user", user);
        putIfSet(ssh, "passwd", password);
        putIfSet(ssh, "pk", privateKey);
        putIfSet(ssh, "pkPasswd", privateKeyPassword);
        if (port != null) {
            ssh.put("port", port.toString());
        }
        if (!env.isEmpty()) {
            strings(spec.putArray("env"), env);
        }
        if (!cmdArgs.isEmpty()) {
            strings(spec.putArray("cmd_args"), cmdArgs);
        }
        ArrayNode hosts = spec.putArray("hosts");
        group(hosts, masters, "master");
        group(hosts, this.nodes, "node");
        try {
            // the default YAML generator double-quotes every string value
            return new ObjectMapper(new YAMLFactory()).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void group(ArrayNode hosts, List<String> ips, String role) {
        if (ips.isEmpty()) {
            return;
        }
        ObjectNode host = hosts.addObject();
        strings(host.putArray("ips"), ips);
        host.putArray("roles").add(role);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    @Override
    public String toString() {
        return "RunClusterfile[name=" + name + ", image=" + image + ", masters=" + masters + ", nodes=" + nodes
                + ", user=" + user + ", password=" + (password == null ? "null" : Output.MASK) + ", privateKey="
                + privateKey + ", privateKeyPassword=" + (privateKeyPassword == null ? "null" : Output.MASK)
                + ", port=" + port + ", env=" + env + ", cmdArgs=" + cmdArgs + "]";
    }
}
