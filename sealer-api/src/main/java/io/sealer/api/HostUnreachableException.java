package io.sealer.api;

/**
 * A host could not be reached or logged in to for a reason that may pass (no route, connection refused, no answer
 * within the timeout). Nothing ran on the host, so the operation may be retried. Host-key and authentication
 * failures are plain {@link HostException}s: retrying would not change them.
 */
public class HostUnreachableException extends HostException {
    private static final long serialVersionUID = 1L;

    /**
     * @param host the host's address
     * @param problem what failed
     * @param cause the underlying error, or {@code null}
     */
    public HostUnreachableException(String host, String problem, Throwable cause) {
        super(host, problem, cause);
    }
}
