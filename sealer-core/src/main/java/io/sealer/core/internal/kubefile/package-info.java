/**
 * Kubefile parsing: {@link io.sealer.core.internal.kubefile.KubefileParser} turns Kubefile text into the
 * {@link io.sealer.api.kubefile.Kubefile} model with line-numbered errors; lexing, word splitting, the JSON form and
 * the cross-instruction rules live in package-private helpers.
 */
package io.sealer.core.internal.kubefile;
