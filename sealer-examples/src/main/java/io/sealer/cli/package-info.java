/**
 * The {@code sealer} command-line program, a thin layer over {@link io.sealer.core.SealerClient}: argument parsing,
 * one class per command, and printing. Built as an executable jar ({@code target/sealer.jar}) and started by the
 * launcher {@code bin/sealer}.
 */
package io.sealer.cli;
