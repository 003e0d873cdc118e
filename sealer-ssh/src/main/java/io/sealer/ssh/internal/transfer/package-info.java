/**
 * Trees sent as one hashed tar stream into a staging directory and swapped into place behind a content marker (SFTP
 * where the host has no tar), and single files up and down.
 */
package io.sealer.ssh.internal.transfer;
