/** Manifests and digests: media types, manifest and index parsing, platform selection, sha256 helpers. */
package io.sealer.registry.internal.manifest;
