/**
 * Install plans: the ordered, host-by-host steps of a create, scale, delete or app install, worked out without any
 * I/O, and the values that become known only while a plan runs ({@link io.sealer.core.internal.plan.Facts}).
 */
package io.sealer.core.internal.plan;
