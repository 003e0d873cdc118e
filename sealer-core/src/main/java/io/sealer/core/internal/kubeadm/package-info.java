/**
 * The kubeadm configuration of a cluster ({@link io.sealer.core.internal.kubeadm.KubeadmConfigMerger}): the
 * Clusterfile's kubeadm documents over the image's {@code etc/kubeadm.yml} over built-in defaults, with the values
 * sealer forces (API endpoint, certificate SANs, IPVS exclusion, cgroup driver), the kubeadm API version chosen from
 * the Kubernetes version, and per-host join configurations.
 */
package io.sealer.core.internal.kubeadm;
