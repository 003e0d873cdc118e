/**
 * The {@code sealer} command-line program, a thin layer over the public API of {@link io.sealer.core.SealerClient},
 * parsed with picocli: {@link io.sealer.cli.SealerCommand} holds the global options, each subcommand is a class of
 * its own, and {@link io.sealer.cli.ErrorHandler} turns failures into one line. Built as an executable jar
 * ({@code target/sealer.jar}) and started by the launcher {@code bin/sealer}.
 */
package io.sealer.cli;
