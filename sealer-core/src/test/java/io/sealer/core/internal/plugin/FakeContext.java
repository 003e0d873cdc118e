package io.sealer.core.internal.plugin;

import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.plugin.PluginContext;
import io.sealer.api.spi.ExecResult;
import io.sealer.api.spi.RemoteCommand;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;

/** A plugin context that records the commands it is asked to run and the lines logged. */
final class FakeContext implements PluginContext {
    final List<String> commands = new ArrayList<>();
    final List<String> logged = new ArrayList<>();
    private final PluginSpec spec;
    private final ExecResult result;

    FakeContext(String data, ExecResult result) {
        this.spec = new PluginSpec("test", "TEST", List.of("PostInstall"), "", data);
        this.result = result;
    }

    @Override
    public PluginSpec spec() {
        return spec;
    }

    @Override
    public Cluster cluster() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> hosts() {
        return List.of(master0());
    }

    @Override
    public String master0() {
        return "192.168.0.2";
    }

    @Override
    public String rootfs() {
        return "/var/lib/sealer/data/my-cluster/rootfs";
    }

    @Override
    public Path imageFiles() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ExecResult exec(String host, String command) {
        commands.add(host + ": " + command);
        return result;
    }

    @Override
    public ExecResult exec(String host, RemoteCommand command) {
        return exec(host, command.command());
    }

    @Override
    public void upload(String host, Path local, String remotePath) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void download(String host, String remotePath, Path local) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> nodeName(String host) {
        return Optional.empty();
    }

    @Override
    public System.Logger logger() {
        return new System.Logger() {
            @Override
            public String getName() {
                return "test";
            }

            @Override
            public boolean isLoggable(Level level) {
                return true;
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
                logged.add(msg);
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String format, Object... params) {
                logged.add(params == null || params.length == 0 ? format : MessageFormat.format(format, params));
            }
        };
    }
}
