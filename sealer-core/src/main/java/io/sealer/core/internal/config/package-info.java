/**
 * Prepares an image rootfs on this machine before it is sent to the hosts: the Clusterfile's {@code Config} documents
 * ({@link io.sealer.core.internal.config.ConfigWriter}) and the {@code *.tmpl} files rendered with the cluster env
 * ({@link io.sealer.core.internal.config.TemplateRenderer}). The rootfs is made of hard links into the read-only
 * image store, so files are only ever replaced (a new file renamed over the old name), never written in place.
 */
package io.sealer.core.internal.config;
