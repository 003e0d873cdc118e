package io.sealer.core.internal.check;

import io.sealer.api.spi.ExecResult;

/** Runs a shell command on a host of the cluster; {@code PluginContext::exec} is one. */
@FunctionalInterface
public interface HostExec {
    /**
     * Runs the command.
     *
     * @return its exit status and output lines
     * @throws io.sealer.api.SealerException when the host cannot be reached
     */
    ExecResult exec(String host, String command);
}
