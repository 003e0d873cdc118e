package io.sealer.api;

/** A registry operation failed; names the image and, when relevant, the blob digest. Never carries credentials. */
public class RegistryException extends SealerException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;

    public RegistryException(String image, String problem, int statusCode, Throwable cause) {
        super(image, 0, problem, cause);
        this.statusCode = statusCode;
    }

    public RegistryException(String image, String problem, Throwable cause) {
        this(image, problem, 0, cause);
    }

    /** HTTP status of the failed request, or 0 when the failure was not an HTTP answer. */
    public int statusCode() {
        return statusCode;
    }
}
