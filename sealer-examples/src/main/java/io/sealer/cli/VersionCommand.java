package io.sealer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** {@code sealer version}: the program's version and the Java runtime it runs on. */
final class VersionCommand extends NamedCommand {
    VersionCommand() {
        super("version", "Print the version of sealer-java",
                "version");
    }

    @Override
    public int run(java.util.List<String> args, CliContext context) {
        if (!args.isEmpty()) {
            throw new UsageException("version takes no arguments");
        }
        context.out().println("sealer-java " + version() + " (Java " + Runtime.version() + ", "
                + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ")");
        return 0;
    }

    static String version() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
