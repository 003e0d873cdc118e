/**
 * Remote scripts: the script on standard input behind a fixed bootstrap (never on a command line), sudo, sealer's
 * environment exports, streamed output with secrets redacted, timeouts that kill the command's process group.
 */
package io.sealer.ssh.internal.exec;
