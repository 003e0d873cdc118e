/**
 * The parsed Kubefile: a {@link io.sealer.api.kubefile.Kubefile} holds the {@link io.sealer.api.kubefile.Instruction}s
 * in file order, one record per instruction kind, each with the 1-based line it starts on and its text as written.
 * Values are literal: quotes and escape characters are already removed; {@code $NAME} and {@code ${NAME}} references
 * are left in the text for the build to expand. The parser lives in {@code io.sealer.core.internal.kubefile}.
 */
package io.sealer.api.kubefile;
