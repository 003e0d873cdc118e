/** Host keys checked against OpenSSH {@code known_hosts}: unknown, accepted-and-recorded, changed and revoked keys. */
package io.sealer.ssh.internal.hostkey;
