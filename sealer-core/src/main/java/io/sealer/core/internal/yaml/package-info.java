/**
 * YAML and JSON output of the value trees the parsers produce ({@code Map}, {@code List}, {@code String},
 * {@code Long}, {@code Double}, {@code Boolean}, {@code null} and {@link io.sealer.core.internal.yaml.PlainScalar}):
 * {@link io.sealer.core.internal.yaml.YamlText}. Strings are quoted whenever a YAML 1.1 or 1.2 reader would take them
 * for something else, so numbers and booleans stay typed and strings stay strings.
 */
package io.sealer.core.internal.yaml;
