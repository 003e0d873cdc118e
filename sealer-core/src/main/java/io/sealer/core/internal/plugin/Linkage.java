package io.sealer.core.internal.plugin;

/** Says what a {@link LinkageError} of a plugin class means in the words of a plugin author. */
final class Linkage {
    private Linkage() {
    }

    /**
     * What is missing or wrong; for {@link UnsupportedClassVersionError} prefer
     * {@link PluginJarLoader}'s message, which reads the class file's version.
     */
    static String describe(LinkageError e) {
        if (e instanceof NoClassDefFoundError && e.getMessage() != null
                && !e.getMessage().startsWith("Could not initialize")) {
            return "it needs the class " + missingClass(e) + ", which " + whyMissing(missingClass(e));
        }
        return e.toString();
    }

    /** The missing class of a {@link NoClassDefFoundError}, with dots. */
    static String missingClass(LinkageError e) {
        String message = e.getMessage();
        int space = message.indexOf(' ');
        return (space < 0 ? message : message.substring(0, space)).replace('/', '.');
    }

    private static String whyMissing(String className) {
        if (className.startsWith(ApiOnlyClassLoader.API_PACKAGE)) {
            return "this sealer-api does not have (plugin compiled against a newer sealer-api? use a newer"
                    + " sealer-java)";
        }
        return "neither the jar nor the JDK nor io.sealer.api provides (a plugin sees only those: shade the"
                + " plugin's dependencies into its jar)";
    }
}
