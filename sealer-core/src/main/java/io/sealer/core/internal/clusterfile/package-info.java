/**
 * The Clusterfile parser ({@link io.sealer.core.internal.clusterfile.ClusterfileParser}): multi-document YAML decided by
 * {@code kind}, both Cluster schemas normalised to one model, Plugin, Config and kubeadm documents, errors with field
 * paths, and limits against hostile YAML.
 */
package io.sealer.core.internal.clusterfile;
