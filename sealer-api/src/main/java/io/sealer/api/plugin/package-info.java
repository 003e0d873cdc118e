/** The plugin SPI: {@link io.sealer.api.plugin.Plugin}, its {@link io.sealer.api.plugin.PluginContext} and the install {@link io.sealer.api.plugin.Phase}s. */
package io.sealer.api.plugin;
