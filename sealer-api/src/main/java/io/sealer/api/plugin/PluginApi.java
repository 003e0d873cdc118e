package io.sealer.api.plugin;

/**
 * The version of the plugin contract ({@link Plugin}, {@link PluginContext}, {@link Phase} and the types they use)
 * that this {@code sealer-api} provides. A plugin jar declares the version it was compiled against in its manifest
 * ({@value #MANIFEST_ATTRIBUTE}); a jar that needs a newer version than the SDK provides is refused with an error
 * saying so, instead of failing later with a linkage error.
 */
public final class PluginApi {
    /** The contract version of this {@code sealer-api}. */
    public static final int VERSION = 1;
    /** The manifest attribute of a plugin jar naming the contract version it needs. */
    public static final String MANIFEST_ATTRIBUTE = "Sealer-Plugin-Api";

    private PluginApi() {
    }
}
