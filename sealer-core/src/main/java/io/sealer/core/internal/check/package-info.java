/**
 * {@code sealer check}: the state of a cluster seen through {@code kubectl} on master0 (nodes, pods, services) and the
 * host checks sealer wrote but never wired into {@code --pre} (unique hostnames, synchronised clocks), as a
 * {@link io.sealer.core.internal.check.CheckReport} and sealer's report text.
 */
package io.sealer.core.internal.check;
