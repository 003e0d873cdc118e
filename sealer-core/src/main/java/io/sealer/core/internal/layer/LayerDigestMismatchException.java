package io.sealer.core.internal.layer;

import io.sealer.api.StoreException;

/** A layer whose bytes do not hash to the id it claims: a corrupt or tampered layer. Names both digests. */
public class LayerDigestMismatchException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String actual;

    public LayerDigestMismatchException(String source, String expected, String actual) {
        super(source, "layer digest mismatch: expected " + expected + " but the content hashes to " + actual, null);
        this.expected = expected;
        this.actual = actual;
    }

    /** The id the layer claimed. */
    public String expected() {
        return expected;
    }

    /** The digest of the bytes actually read. */
    public String actual() {
        return actual;
    }
}
