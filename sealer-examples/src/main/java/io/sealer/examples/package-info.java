/** Runnable pieces of the examples: the quick start's stand-in container images. */
package io.sealer.examples;
