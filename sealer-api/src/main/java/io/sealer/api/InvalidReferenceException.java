package io.sealer.api;

/** An image reference that does not follow the Docker reference grammar. */
public class InvalidReferenceException extends SealerException {
    private static final long serialVersionUID = 1L;

    private final String reference;

    public InvalidReferenceException(String reference, String problem) {
        super("invalid image reference \"" + reference + "\": " + problem);
        this.reference = reference;
    }

    /** The reference as given. */
    public String reference() {
        return reference;
    }
}
