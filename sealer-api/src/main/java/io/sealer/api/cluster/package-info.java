/**
 * The parsed Clusterfile: the {@link io.sealer.api.cluster.Cluster} with its {@link io.sealer.api.cluster.Host}
 * groups and {@link io.sealer.api.cluster.SshCredentials}, plus {@code Plugin}, {@code Config} and kubeadm documents.
 */
package io.sealer.api.cluster;
