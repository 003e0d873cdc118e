package io.sealer.core.internal.clusterfile;

/**
 * A string read from a Clusterfile with where it came from.
 *
 * @param value the scalar's text
 * @param path its field path, e.g. {@code documents[0].spec.hosts[1].ips[0]}
 * @param line 1-based line, or 0
 */
record FieldValue(String value, String path, int line) {
}
