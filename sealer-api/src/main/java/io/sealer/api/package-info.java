/**
 * The public vocabulary of sealer-java: value types (records) and service-provider interfaces, with no dependency
 * beyond the JDK. Sub-packages follow the data flow: {@code kubefile} (the parsed Kubefile), {@code cluster} (the
 * parsed Clusterfile), {@code image} (references, platforms, cluster images and layers), {@code event} (typed progress events),
 * {@code registry} (registry settings), {@code plugin} (the plugin
 * SPI and install phases) and {@code spi} (remote hosts and registries, implemented by the adapter modules).
 */
package io.sealer.api;
