package io.sealer.registry.internal.client;

import io.sealer.api.ImageNotFoundException;
import io.sealer.api.RegistryException;
import io.sealer.api.spi.RegistryManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of looking a manifest up in every source that may have it, in order: the manifest when one had it, and
 * what each source asked answered.
 *
 * @param image the image asked for, as it appears in messages
 * @param manifest the manifest, absent when no source had it
 * @param attempts the sources asked before the one that had it (or all of them), in order, with their answers
 */
public record ManifestLookup(String image, Optional<RegistryManifest> manifest, List<Attempt> attempts) {
    public ManifestLookup {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(manifest, "manifest");
        attempts = List.copyOf(attempts);
    }

    /**
     * True when no source had the manifest and the last one asked could not answer: then nobody can say that the
     * image does not exist. (When the last one asked answered "not found", e.g. the registry after an unreachable
     * mirror, the image does not exist.)
     */
    public boolean failed() {
        if (manifest.isPresent()) {
            return false;
        }
        for (int i = attempts.size() - 1; i >= 0; i--) {
            Attempt.Outcome outcome = attempts.get(i).outcome();
            if (outcome != Attempt.Outcome.SKIPPED) {
                return outcome == Attempt.Outcome.FAILED;
            }
        }
        return false;
    }

    /** Every attempt in words; see {@link Attempt#describe()}. */
    public String describe() {
        return attempts.isEmpty() ? "no source to look it up in" : Attempt.describe(attempts);
    }

    /**
     * The manifest; absent when no source had it and the last one asked answered "not found".
     *
     * @throws RegistryException naming every source asked and its answer, when the lookup {@link #failed()}
     */
    public Optional<RegistryManifest> orFailure() {
        if (failed()) {
            throw failure();
        }
        return manifest;
    }

    /**
     * The manifest.
     *
     * @throws ImageNotFoundException naming every source asked and its answer, when none had it
     * @throws RegistryException naming every source asked and its answer, when the lookup {@link #failed()}
     */
    public RegistryManifest require() {
        return orFailure().orElseThrow(() -> new ImageNotFoundException(image, describe()));
    }

    /** The failure of this lookup: every attempt in words, with the last failure's status and cause. */
    public RegistryException failure() {
        Attempt last = null;
        for (Attempt attempt : attempts) {
            if (attempt.outcome() == Attempt.Outcome.FAILED) {
                last = attempt;
            }
        }
        return new RegistryException(image, describe(), last == null ? 0 : last.statusCode(),
                last == null ? null : last.cause());
    }

    /** This lookup with {@code earlier} attempts before its own. */
    public ManifestLookup after(List<Attempt> earlier) {
        if (earlier.isEmpty()) {
            return this;
        }
        List<Attempt> all = new ArrayList<>(earlier);
        all.addAll(attempts);
        return new ManifestLookup(image, manifest, all);
    }
}
