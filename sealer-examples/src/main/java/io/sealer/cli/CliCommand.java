package io.sealer.cli;

import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageReference;
import io.sealer.core.SealerClient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Base of every {@code sealer} subcommand: standard help and version options, the global options of the parent
 * command, and small helpers for printing and usage errors. Returns the exit code; failures are exceptions, which
 * {@link ErrorHandler} turns into one line.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, usageHelpWidth = 110)
abstract class CliCommand implements Callable<Integer> {
    @ParentCommand
    SealerCommand sealer;

    @Spec
    CommandSpec spec;

    /** For a command read without picocli ({@link QuickBuildLine}): makes its picocli line when a usage error needs it. */
    Supplier<CommandLine> lineWhenNeeded;

    PrintStream out() {
        return sealer.terminal().out();
    }

    PrintStream err() {
        return sealer.terminal().err();
    }

    boolean quiet() {
        return sealer.quiet;
    }

    /** A path argument resolved against the working directory. */
    Path path(Path argument) {
        return sealer.terminal().path(argument);
    }

    /** A client for the global options. */
    SealerClient openClient() {
        return sealer.openClient();
    }

    /** A usage error of this command: exits 2 with the message and a hint to its help. */
    ParameterException usageError(String message) {
        return new ParameterException(spec != null ? spec.commandLine() : lineWhenNeeded.get(), message);
    }

    /** Prints {@code VERB NAME (PLATFORM)} for an image, its familiar name shown, followed by {@code detail}. */
    void printImage(String verb, ClusterImage image, String detail) {
        out().println(verb + " " + ImageReference.parse(image.name()).familiarName() + " (" + image.platform() + ")"
                + detail);
    }
}
