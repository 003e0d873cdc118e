/**
 * The out-of-tree plugin of sealer's docs, in Java: {@link io.sealer.examples.plugins.listnodes.ListNodesPlugin}
 * lists the cluster's nodes after install. It depends on {@code sealer-api} only (checked by an ArchUnit rule) and is
 * packaged as its own plugin jar ({@code sealer-examples-<version>-list-nodes-plugin.jar}), which a cluster image
 * ships in its {@code plugins/} directory; see {@code examples/list-nodes-plugin/README.md}.
 */
package io.sealer.examples.plugins.listnodes;
