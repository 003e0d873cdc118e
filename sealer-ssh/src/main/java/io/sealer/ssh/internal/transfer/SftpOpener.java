package io.sealer.ssh.internal.transfer;

import java.io.IOException;
import org.apache.sshd.sftp.client.SftpClient;

/** Opens an SFTP client on a host's session (the fallback for hosts without {@code tar}). */
@FunctionalInterface
public interface SftpOpener {
    /** A new SFTP client; the caller closes it. */
    SftpClient open() throws IOException;
}
