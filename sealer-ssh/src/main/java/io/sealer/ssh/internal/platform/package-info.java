/** The host probe ({@code uname}, {@code /proc/cpuinfo}, tools) and the platform as sealer and containerd find it. */
package io.sealer.ssh.internal.platform;
