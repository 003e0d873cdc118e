package io.sealer.api;

/** The local image store could not complete an operation; the store is left as it was before the operation. */
public class StoreException extends SealerException {
    private static final long serialVersionUID = 1L;

    public StoreException(String path, String problem, Throwable cause) {
        super(path, 0, problem, cause);
    }
}
