package io.sealer.core.internal.apply;

/** The kubeadm configuration files of a cluster (merged as spec 4.4 says); texts may hold join placeholders. */
public interface KubeadmFiles {
    /** The configuration of {@code kubeadm init} on master0. */
    String initConfig();

    /**
     * The configuration of a host's {@code kubeadm join}.
     *
     * @param host the joining host's address
     * @param controlPlane whether it joins as a master
     * @param apiServerEndpoint {@code host:port} it reaches the API server at
     */
    String joinConfig(String host, boolean controlPlane, String apiServerEndpoint);
}
