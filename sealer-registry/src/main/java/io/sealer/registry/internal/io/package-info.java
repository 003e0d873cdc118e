/** File helpers shared by the registry adapter's internals. */
package io.sealer.registry.internal.io;
