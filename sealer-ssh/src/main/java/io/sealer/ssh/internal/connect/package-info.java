/**
 * Connections: the connector's one MINA SSHD client, pooled authenticated sessions per host, port and user
 * (re-established once after a drop), private keys, passwords and keyboard-interactive logins.
 */
package io.sealer.ssh.internal.connect;
