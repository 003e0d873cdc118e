package io.sealer.api.plugin;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Install phases at which plugins run. Both of sealer's spellings are accepted: the v1 names
 * ({@code PostInstall}) and the v2 names ({@code post-install}).
 */
public enum Phase {
    ORIGINALLY("Originally"),
    PRE_INIT("PreInit"),
    PRE_INSTALL("PreInstall"),
    PRE_INIT_HOST("PreInitHost"),
    POST_INIT_HOST("PostInitHost"),
    PRE_JOIN("PreJoin"),
    POST_JOIN("PostJoin"),
    POST_INSTALL("PostInstall"),
    PRE_GUEST("PreGuest"),
    PRE_SCALEUP("PreScaleup"),
    POST_SCALEUP("PostScaleup"),
    PRE_CLEAN("PreClean"),
    PRE_CLEAN_HOST("PreCleanHost"),
    POST_CLEAN_HOST("PostCleanHost"),
    POST_CLEAN("PostClean"),
    PRE_UNINSTALL("PreUninstall"),
    POST_UNINSTALL("PostUninstall"),
    UPGRADE_HOST("UpgradeHost"),
    UPGRADE("Upgrade"),
    ROLLBACK("Rollback");

    private final String displayName;

    Phase(String displayName) {
        this.displayName = displayName;
    }

    /** The v1 spelling, e.g. {@code PostInstall}. */
    public String displayName() {
        return displayName;
    }

    /** Parses {@code PostInstall}, {@code post-install}, {@code POST_INSTALL} or {@code postinstall}. */
    public static Optional<Phase> parse(String text) {
        String key = text.trim().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p.displayName.toLowerCase(Locale.ROOT).equals(key))
                .findFirst();
    }
}
