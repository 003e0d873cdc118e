package io.sealer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code sealer version} (and {@code --version}): the program's version and the Java runtime it runs on. */
@Command(name = "version", description = "Print the version of sealer-java and of the Java runtime.")
final class VersionCommand extends CliCommand {
    @Override
    public Integer call() {
        out().println(line());
        return 0;
    }

    /** {@code sealer-java VERSION (Java RUNTIME, OS/ARCH)}. */
    static String line() {
        return "sealer-java " + version() + " (Java " + Runtime.version() + ", " + System.getProperty("os.name") + "/"
                + System.getProperty("os.arch") + ")";
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

    /** What {@code --version} prints: the same line. */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {line()};
        }
    }
}
