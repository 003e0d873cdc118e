/**
 * What sealer-java reads from {@code kubectl} run on master0: the rows of {@code kubectl get ... --no-headers} tables
 * (nodes, pods, services, endpoints) as records, and the command lines that produce them. Used by the built-in plugins
 * and the cluster checker, which reach the cluster through a host rather than through a local kubeconfig.
 */
package io.sealer.core.internal.kubectl;
