package io.sealer.api;

/** A remote host could not be reached or a command on it failed; names the host. */
public class HostException extends SealerException {
    private static final long serialVersionUID = 1L;

    public HostException(String host, String problem, Throwable cause) {
        super(host, 0, problem, cause);
    }
}
