/**
 * On-disk image sources for air-gapped builds: OCI image layouts, {@code docker save} / {@code oci-archive} tarballs
 * and {@code skopeo sync --dest dir} trees, indexed lazily and read without extraction, behind a
 * {@link io.sealer.api.spi.RegistryClient} decorator that answers from them before mirrors and registries.
 */
package io.sealer.registry.internal.source;
