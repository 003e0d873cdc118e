package io.sealer.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the program talks to: its streams, its environment and the directory relative paths are resolved against.
 *
 * @param out standard output: results only
 * @param err standard error: progress, warnings and errors
 * @param in standard input ({@code login --password-stdin}, the confirmation of {@code delete})
 * @param environment environment variables ({@code SEALER_ROOT}, {@code DOCKER_CONFIG})
 * @param workingDir the directory relative paths are resolved against
 * @param interactive whether a person is at a terminal ({@code System.console()} present): live progress and
 *     questions such as the confirmation of a delete
 */
record Terminal(PrintStream out, PrintStream err, InputStream in, Map<String, String> environment, Path workingDir,
        boolean interactive) {
    Terminal {
        environment = Map.copyOf(environment);
    }

    /** The value of an environment variable, absent when unset or blank. */
    Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }

    /** A path argument resolved against the working directory. */
    Path path(Path argument) {
        return workingDir.resolve(argument).normalize();
    }
}
