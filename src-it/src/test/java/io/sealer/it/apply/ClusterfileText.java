package io.sealer.it.apply;

import io.sealer.it.support.StubClusterImage;
import io.sealer.it.support.TestHost;
import java.util.ArrayList;
import java.util.List;

/** A v2 Clusterfile ({@code sealer.io/v2}, {@code kind: Cluster}) the apply tests write, more documents after it. */
final class ClusterfileText {
    private final String name;
    private String image = StubClusterImage.IMAGE;
    private String user;
    private String password;
    private String privateKey;
    private String privateKeyPassword;
    private final List<String> masters = new ArrayList<>();
    private final List<String> nodes = new ArrayList<>();
    private final List<String> env = new ArrayList<>();
    private String dataRoot;
    private Boolean registryHa;
    private final List<String> documents = new ArrayList<>();

    private ClusterfileText(String name) {
        this.name = name;
    }

    /** A Clusterfile of cluster {@code name} with the stub cluster image. */
    static ClusterfileText named(String name) {
        return new ClusterfileText(name);
    }

    ClusterfileText image(String value) {
        this.image = value;
        return this;
    }

    /** Logs in as {@code user} with a key file. */
    ClusterfileText key(String user, String keyFile) {
        this.user = user;
        this.privateKey = keyFile;
        return this;
    }

    /** Logs in as {@code user} with a key file protected by {@code passphrase}. */
    ClusterfileText key(String user, String keyFile, String passphrase) {
        key(user, keyFile);
        this.privateKeyPassword = passphrase;
        return this;
    }

    /** Logs in as {@code user} with a password. */
    ClusterfileText password(String user, String value) {
        this.user = user;
        this.password = value;
        return this;
    }

    ClusterfileText masters(List<TestHost> hosts) {
        masters.clear();
        hosts.forEach(h -> masters.add(h.address()));
        return this;
    }

    ClusterfileText nodes(List<TestHost> hosts) {
        nodes.clear();
        hosts.forEach(h -> nodes.add(h.address()));
        return this;
    }

    ClusterfileText env(String entry) {
        env.add(entry);
        return this;
    }

    ClusterfileText dataRoot(String value) {
        this.dataRoot = value;
        return this;
    }

    /** {@code spec.registry.localRegistry.ha}: a registry on every master, or on master0 only. */
    ClusterfileText registryHa(boolean value) {
        this.registryHa = value;
        return this;
    }

    /** Another YAML document after the Cluster (without its {@code ---}). */
    ClusterfileText document(String yaml) {
        documents.add(yaml);
        return this;
    }

    String render() {
        StringBuilder text = new StringBuilder()
                .append("apiVersion: sealer.io/v2\n")
                .append("kind: Cluster\n")
                .append("metadata:\n")
                .append("  name: ").append(quote(name)).append('\n')
                .append("spec:\n")
                .append("  image: ").append(image).append('\n');
        if (dataRoot != null) {
            text.append("  dataRoot: ").append(quote(dataRoot)).append('\n');
        }
        if (!env.isEmpty()) {
            text.append("  env:\n");
            env.forEach(e -> text.append("  - ").append(quote(e)).append('\n'));
        }
        if (registryHa != null) {
            text.append("  registry:\n    localRegistry:\n      ha: ").append(registryHa).append('\n');
        }
        text.append("  ssh:\n");
        if (user != null) {
            text.append("    user: ").append(quote(user)).append('\n');
        }
        if (password != null) {
            text.append("    passwd: ").append(quote(password)).append('\n');
        }
        if (privateKey != null) {
            text.append("    pk: ").append(quote(privateKey)).append('\n');
        }
        if (privateKeyPassword != null) {
            text.append("    pkPasswd: ").append(quote(privateKeyPassword)).append('\n');
        }
        text.append("    port: \"22\"\n");
        text.append("  hosts:\n");
        group(text, masters, "master");
        group(text, nodes, "node");
        for (String document : documents) {
            text.append("---\n").append(document);
            if (!document.endsWith("\n")) {
                text.append('\n');
            }
        }
        return text.toString();
    }

    private static void group(StringBuilder text, List<String> ips, String role) {
        if (ips.isEmpty()) {
            return;
        }
        text.append("  - ips:\n");
        ips.forEach(ip -> text.append("    - ").append(ip).append('\n'));
        text.append("    roles:\n    - ").append(role).append('\n');
    }

    /** A double-quoted YAML scalar. */
    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public String toString() {
        return render();
    }
}
