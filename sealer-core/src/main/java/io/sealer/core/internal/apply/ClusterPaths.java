package io.sealer.core.internal.apply;

import io.sealer.api.ClusterfileException;
import io.sealer.api.cluster.Cluster;
import java.util.regex.Pattern;

/**
 * The directories a cluster uses on its hosts, validated so that no command can touch anything outside
 * {@code <dataRoot>/<cluster>}: an empty, relative or odd cluster name or data root is refused before any plan is made
 * (sealer once deleted {@code /var/lib/sealer/data} for an empty name).
 *
 * @param dataRoot the validated data root, absolute and normalised
 * @param name the validated cluster name
 */
public record ClusterPaths(String dataRoot, String name) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,251}[A-Za-z0-9])?");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._+@-]+");

    public ClusterPaths {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw new ClusterfileException("cluster", 0, "metadata.name", "'" + name + "' cannot name a cluster:"
                    + " expected letters, digits, '.', '_' and '-', starting and ending with a letter or digit");
        }
        dataRoot = validRoot(dataRoot);
    }

    /** The paths of a cluster. */
    public static ClusterPaths of(Cluster cluster) {
        return new ClusterPaths(cluster.dataRoot(), cluster.name());
    }

    /** {@code <dataRoot>/<name>}: everything the cluster keeps on a host. */
    public String clusterDir() {
        return dataRoot + "/" + name;
    }

    /** {@code <dataRoot>/<name>/rootfs}: the image's files on a host. */
    public String rootfs() {
        return clusterDir() + "/rootfs";
    }

    /** {@code <rootfs>/registry}: the registry's storage on a registry host. */
    public String registryDir() {
        return rootfs() + "/registry";
    }

    /** {@code <dataRoot>/<name>/apps/<id>}: where an application image's files go on master0. */
    public String appDir(String id) {
        if (!id.matches("[a-f0-9]{12,64}")) {
            throw new IllegalArgumentException("not an image id: " + id);
        }
        return clusterDir() + "/apps/" + id;
    }

    private static String validRoot(String root) {
        String problem = null;
        if (root == null || !root.startsWith("/")) {
            problem = "must be an absolute path";
        } else {
            String[] parts = root.substring(1).split("/", -1);
            if (root.equals("/") || parts.length < 1) {
                problem = "must not be /";
            }
            for (String part : parts) {
                if (problem == null && (part.isEmpty() || part.equals(".") || part.equals("..")
                        || !SEGMENT.matcher(part).matches())) {
                    problem = "must be a normalised path of plain names (no '.', '..', '//', trailing '/' or"
                            + " shell characters)";
                }
            }
        }
        if (problem != null) {
            throw new ClusterfileException("cluster", 0, "spec.dataRoot", "'" + root + "' " + problem);
        }
        return root;
    }
}
