package io.sealer.it.support;

import java.util.List;
import java.util.stream.Stream;

/** The key types the host bed generates with {@code ssh-keygen}, for host keys and client keys. */
public enum SshKeyType {
    /** {@code ssh-ed25519}, the default. */
    ED25519("ed25519", "ssh-ed25519", List.of()),
    /** {@code ssh-rsa}, 3072 bits (what {@code ssh-keygen} makes by default). */
    RSA("rsa", "ssh-rsa", List.of("-b", "3072")),
    /** {@code ecdsa-sha2-nistp256}. */
    ECDSA("ecdsa", "ecdsa-sha2-nistp256", List.of("-b", "256"));

    private final String keygenName;
    private final String sshName;
    private final List<String> keygenOptions;

    SshKeyType(String keygenName, String sshName, List<String> keygenOptions) {
        this.keygenName = keygenName;
        this.sshName = sshName;
        this.keygenOptions = keygenOptions;
    }

    /** The name {@code ssh-keygen -t} takes, also used in file names: {@code ed25519}, {@code rsa}, {@code ecdsa}. */
    public String keygenName() {
        return keygenName;
    }

    /** The key's name in the SSH protocol and in {@code known_hosts}, e.g. {@code ssh-ed25519}. */
    public String sshName() {
        return sshName;
    }

    /** {@code ssh-keygen} arguments that make a key of this type (without {@code -f}, {@code -N}, {@code -C}). */
    List<String> keygenArguments() {
        return Stream.concat(Stream.of("-t", keygenName), keygenOptions.stream()).toList();
    }
}
