/**
 * How the SDK reaches hosts over SSH, as users configure it: {@link io.sealer.api.ssh.SshSettings} (known hosts and the
 * host-key policy, identities, timeouts, keep-alive, compression).
 */
package io.sealer.api.ssh;
