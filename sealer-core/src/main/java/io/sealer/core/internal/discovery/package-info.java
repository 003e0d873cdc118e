/**
 * Finds the container images a cluster image needs: a YAML-aware walk of {@code manifests/**}, charts rendered with
 * the real Helm engine, {@code manifests/imageList} and {@code application/apps/**}. Entry point:
 * {@link io.sealer.core.internal.discovery.ImageDiscovery}.
 */
package io.sealer.core.internal.discovery;
