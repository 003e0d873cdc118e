package io.sealer.core.internal.clusterfile;

/**
 * One {@code ---} document of a Clusterfile.
 *
 * @param index 0-based position in the file, empty documents included
 * @param root the document's value; a null scalar for an empty document
 */
record YamlDocument(int index, YamlNode root) {
    /** The field path prefix of this document, e.g. {@code documents[2]}. */
    String path() {
        return "documents[" + index + "]";
    }

    boolean isEmpty() {
        return root instanceof YamlNode.ScalarNode s && (s.isNull() || s.text().isBlank());
    }
}
