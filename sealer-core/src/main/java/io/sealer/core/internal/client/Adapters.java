package io.sealer.core.internal.client;

import io.sealer.api.AdapterMissingException;
import io.sealer.api.plugin.Plugin;
import io.sealer.api.spi.HostConnector;
import io.sealer.api.spi.HostConnectorProvider;
import io.sealer.api.ssh.SshSettings;
import io.sealer.api.spi.RegistryClientProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapters of one client: those given to its builder, else the first found through {@link ServiceLoader}. Each
 * lookup runs once per client, on first use; a connector the client loaded itself is closed with it.
 */
public final class Adapters implements AutoCloseable {
    /** The Maven module that provides registry access. */
    public static final String REGISTRY_MODULE = "io.sealer:sealer-registry";
    /** The Maven module that provides remote hosts. */
    public static final String SSH_MODULE = "io.sealer:sealer-ssh";

    private static final Logger LOG = LoggerFactory.getLogger(Adapters.class);

    private final Supplier<Optional<RegistryClientProvider>> registry;
    private final Supplier<Optional<HostConnector>> connector;
    private final List<Plugin> givenPlugins;
    private final Supplier<List<Plugin>> classPathPlugins;
    private final boolean connectorGiven;

    /**
     * @param registry the registry provider given to the builder, or empty to look one up
     * @param connector the host connector given to the builder, or empty to create one with the SSH adapter found
     * @param sshSettings how the SSH adapter found is set up
     * @param plugins plugins given to the builder; those on the class path are added after them
     * @param loader where to look adapters up
     */
    public Adapters(Optional<RegistryClientProvider> registry, Optional<HostConnector> connector,
            SshSettings sshSettings, List<Plugin> plugins, ClassLoader loader) {
        List<Plugin> given = List.copyOf(plugins);
        this.registry = registry.isPresent() ? () -> registry : once(() -> first(RegistryClientProvider.class, loader));
        this.connector = connector.isPresent() ? () -> connector
                : once(() -> first(HostConnectorProvider.class, loader).map(p -> p.create(sshSettings)));
        this.connectorGiven = connector.isPresent();
        this.givenPlugins = given;
        this.classPathPlugins = once(() -> {
            List<Plugin> found = new ArrayList<>();
            ServiceLoader.load(Plugin.class, loader).forEach(found::add);
            return List.copyOf(found);
        });
    }

    /** The registry provider, if any. */
    public Optional<RegistryClientProvider> registry() {
        return registry.get();
    }

    /** The registry provider, or an error naming {@link #REGISTRY_MODULE}. */
    public RegistryClientProvider requireRegistry(String operation) {
        return registry().orElseThrow(() -> new AdapterMissingException(REGISTRY_MODULE, operation));
    }

    /** The host connector, or an error naming {@link #SSH_MODULE}. */
    public HostConnector requireHostConnector(String operation) {
        return connector.get().orElseThrow(() -> new AdapterMissingException(SSH_MODULE, operation));
    }

    /** The plugins: the given ones first, then those on the class path. */
    public List<Plugin> plugins() {
        List<Plugin> all = new ArrayList<>(givenPlugins);
        all.addAll(classPathPlugins());
        return List.copyOf(all);
    }

    /** The plugins given to the builder. */
    public List<Plugin> givenPlugins() {
        return givenPlugins;
    }

    /** The plugins found on the class path (looked up once, on first use). */
    public List<Plugin> classPathPlugins() {
        return classPathPlugins.get();
    }

    /** Closes the host connector if this client loaded it (a given one belongs to the caller). */
    @Override
    public void close() {
        if (!connectorGiven && connector instanceof Once<Optional<HostConnector>> once && once.done()) {
            once.get().ifPresent(c -> {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    LOG.debug("closing the host connector failed", e);
                }
            });
        }
    }

    private static <T> Optional<T> first(Class<T> type, ClassLoader loader) {
        return ServiceLoader.load(type, loader).findFirst();
    }

    private static <T> Once<T> once(Supplier<T> supplier) {
        return new Once<>(supplier);
    }

    /** A supplier that computes its value on the first call only. */
    private static final class Once<T> implements Supplier<T> {
        private final Supplier<T> supplier;
        private T value;
        private boolean done;

        Once(Supplier<T> supplier) {
            this.supplier = supplier;
        }

        @Override
        public synchronized T get() {
            if (!done) {
                value = supplier.get();
                done = true;
            }
            return value;
        }

        synchronized boolean done() {
            return done;
        }
    }
}
