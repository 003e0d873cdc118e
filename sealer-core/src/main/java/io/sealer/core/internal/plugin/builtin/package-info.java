/**
 * The plugin types built into sealer-java, sealer v1's in-tree plugins re-done over
 * {@link io.sealer.api.plugin.PluginContext}: {@code SHELL}, {@code HOSTNAME}, {@code LABEL}, {@code TAINT},
 * {@code CLUSTERCHECK} and {@code ETCD} ({@link io.sealer.core.internal.plugin.builtin.BuiltinPlugins#all()}). They
 * reach hosts only through the context (commands, transfers) and the cluster only through {@code kubectl} on master0,
 * so they need no kubeconfig on this machine.
 */
package io.sealer.core.internal.plugin.builtin;
