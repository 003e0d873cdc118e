/**
 * I/O helpers shared by the layer, store, build and registry packages: {@link io.sealer.core.internal.io.Trees}
 * (recursive delete, loud or quiet), {@link io.sealer.core.internal.io.Digests} (SHA-256 as hex or
 * {@code sha256:<hex>}), {@link io.sealer.core.internal.io.AtomicFiles} (write-and-rename),
 * {@link io.sealer.core.internal.io.IoFailures} (an {@link java.io.IOException} as a
 * {@link io.sealer.api.StoreException} that names the path) and {@link io.sealer.core.internal.io.Streams}
 * (non-closing stream views).
 */
package io.sealer.core.internal.io;
