/**
 * What a build is asked to do: {@link io.sealer.api.build.BuildRequest} and the image-discovery
 * {@link io.sealer.api.build.DiscoveryOptions}.
 */
package io.sealer.api.build;
