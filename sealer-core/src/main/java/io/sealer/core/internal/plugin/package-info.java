/**
 * The plugin types of one apply: {@link io.sealer.core.internal.plugin.PluginRegistry} gathers the built-in plugins,
 * those given to the client builder or found on the class path, and those of the plugin jars a cluster image ships
 * in its {@code plugins/} (or older {@code plugin/}) directory, which
 * {@link io.sealer.core.internal.plugin.PluginJarLoader} loads in their own class loaders that see only the JDK and
 * {@code io.sealer.api}.
 */
package io.sealer.core.internal.plugin;
