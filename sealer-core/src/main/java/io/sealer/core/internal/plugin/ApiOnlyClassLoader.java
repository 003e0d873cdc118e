package io.sealer.core.internal.plugin;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Objects;

/**
 * The parent of a plugin jar's class loader: it exposes the JDK (the platform class loader) and the
 * {@code io.sealer.api} packages (from the SDK's own class loader) and refuses everything else, so a plugin can
 * neither reach the SDK's internals or dependencies nor clash with them.
 */
final class ApiOnlyClassLoader extends ClassLoader {
    /** The packages plugins compile against. */
    static final String API_PACKAGE = "io.sealer.api.";
    private static final String API_RESOURCES = API_PACKAGE.replace('.', '/');

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader sdk;

    /** @param sdk the class loader that defined sealer-api's classes */
    ApiOnlyClassLoader(ClassLoader sdk) {
        super("sealer-plugin-api", ClassLoader.getPlatformClassLoader());
        this.sdk = Objects.requireNonNull(sdk, "sdk");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE)) {
            return sdk.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        throw new ClassNotFoundException(name + " (a plugin sees only its own jar, the JDK and io.sealer.api)");
    }

    @Override
    protected URL findResource(String name) {
        return name.startsWith(API_RESOURCES) ? sdk.getResource(name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return name.startsWith(API_RESOURCES) ? sdk.getResources(name) : Collections.emptyEnumeration();
    }
}
