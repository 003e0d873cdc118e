package io.sealer.api;

/**
 * A Clusterfile that cannot be parsed or validated. The message names the file, the line when known, and the field
 * path, e.g. {@code documents[2].spec.hosts[1].ips[0]: "300.1.1.1" is not an IP address}.
 */
public class ClusterfileException extends SealerException {
    private static final long serialVersionUID = 1L;

    private final String fieldPath;

    public ClusterfileException(String file, int line, String fieldPath, String problem) {
        super(file, line, fieldPath == null ? problem : fieldPath + ": " + problem, null);
        this.fieldPath = fieldPath;
    }

    /** Path of the offending field, such as {@code documents[0].spec.ssh.port}; may be {@code null}. */
    public String fieldPath() {
        return fieldPath;
    }
}
