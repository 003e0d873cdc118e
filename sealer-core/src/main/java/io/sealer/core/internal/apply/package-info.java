/**
 * The apply engine: turns a Clusterfile and the saved state of its cluster into an install plan, prepares the
 * rootfs each host gets, runs the plan over SSH with a journal, and saves the cluster.
 */
package io.sealer.core.internal.apply;
