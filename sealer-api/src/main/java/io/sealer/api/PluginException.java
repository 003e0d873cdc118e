package io.sealer.api;

/** A plugin that is unknown, misconfigured or failed while running; names the plugin. */
public class PluginException extends SealerException {
    private static final long serialVersionUID = 1L;

    public PluginException(String plugin, String problem, Throwable cause) {
        super(plugin, 0, problem, cause);
    }
}
