package io.sealer.core.internal.plan;

/** What a command's output gives the rest of the plan. */
public enum Capture {
    /**
     * {@code kubeadm init} (or {@code kubeadm token create --print-join-command}): the join token, the CA
     * certificate hash and the certificate key, into {@link Facts#TOKEN}, {@link Facts#CA_HASH} and
     * {@link Facts#CERT_KEY}.
     */
    KUBEADM_JOIN,
    /** The host's name ({@code uname -n}, lower-cased, as kubeadm names the node) into {@link Facts#hostname}. */
    HOSTNAME
}
