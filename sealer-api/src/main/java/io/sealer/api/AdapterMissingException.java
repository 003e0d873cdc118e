package io.sealer.api;

/**
 * An operation needs an adapter module (registry access, remote hosts) that is neither on the class path nor given to
 * the client builder. The message names the module to add.
 */
public class AdapterMissingException extends SealerException {
    private static final long serialVersionUID = 1L;

    private final String module;

    /**
     * @param module the Maven artifact that provides the adapter, e.g. {@code io.sealer:sealer-registry}
     * @param operation what could not be done without it
     */
    public AdapterMissingException(String module, String operation) {
        super(operation + " needs the " + module + " module: add it to the class path or give its adapter to "
                + "SealerClient.builder()");
        this.module = module;
    }

    /** The Maven artifact that provides the missing adapter. */
    public String module() {
        return module;
    }
}
