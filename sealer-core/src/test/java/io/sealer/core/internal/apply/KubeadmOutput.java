package io.sealer.core.internal.apply;

import java.util.List;

/** What {@code kubeadm init --upload-certs} (1.19 and later) prints, with known token, CA hash and certificate key. */
final class KubeadmOutput {
    static final String TOKEN = "abcdef.0123456789abcdef";
    static final String CA_HASH = "sha256:2c8c6a0b7e9f6d4b5a3c2e1f0d9c8b7a6f5e4d3c2b1a09f8e7d6c5b4a3928170";
    static final String CERT_KEY = "8d27094bfc1c07eb0f8d2d5e3fbb3b0d1e9f0c7a6b5d4e3f2a1b0c9d8e7f6a5b";

    static final List<String> INIT = List.of(
            "[init] Using Kubernetes version: v1.22.15",
            "[preflight] Running pre-flight checks",
            "[certs] Using certificateDir folder \"/etc/kubernetes/pki\"",
            "[certs] Generating \"ca\" certificate and key",
            "[kubeconfig] Writing \"admin.conf\" kubeconfig file",
            "[control-plane] Creating static Pod manifest for \"kube-apiserver\"",
            "[wait-control-plane] Waiting for the kubelet to boot up the control plane as static Pods from directory"
                    + " \"/etc/kubernetes/manifests\". This can take up to 4m0s",
            "[apiclient] All control plane components are healthy after 6.502318 seconds",
            "[upload-certs] Storing the certificates in Secret \"kubeadm-certs\" in the \"kube-system\" Namespace",
            "[upload-certs] Using certificate key:",
            CERT_KEY,
            "[mark-control-plane] Marking the node master0 as control-plane by adding the labels",
            "[bootstrap-token] Using token: " + TOKEN,
            "[bootstrap-token] Configuring bootstrap tokens, cluster-info ConfigMap, RBAC Roles",
            "[addons] Applied essential addon: CoreDNS",
            "[addons] Applied essential addon: kube-proxy",
            "",
            "Your Kubernetes control-plane has initialized successfully!",
            "",
            "To start using your cluster, you need to run the following as a regular user:",
            "",
            "  mkdir -p $HOME/.kube",
            "  sudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config",
            "  sudo chown $(id -u):$(id -g) $HOME/.kube/config",
            "",
            "Alternatively, if you are the root user, you can run:",
            "",
            "  export KUBECONFIG=/etc/kubernetes/admin.conf",
            "",
            "You should now deploy a pod network to the cluster.",
            "Run \"kubectl apply -f [podnetwork].yaml\" with one of the options listed at:",
            "  https://kubernetes.io/docs/concepts/cluster-administration/addons/",
            "",
            "You can now join any number of the control-plane node running the following command on each as root:",
            "",
            "  kubeadm join apiserver.cluster.local:6443 --token " + TOKEN + " \\",
            "\t--discovery-token-ca-cert-hash " + CA_HASH + " \\",
            "\t--control-plane --certificate-key " + CERT_KEY,
            "",
            "Please note that the certificate-key gives access to cluster sensitive data, keep it secret!",
            "As a safeguard, uploaded-certs will be deleted in two hours; If necessary, you can use",
            "\"kubeadm init phase upload-certs --upload-certs\" to reload certs afterward.",
            "",
            "Then you can join any number of worker nodes by running the following on each as root:",
            "",
            "kubeadm join apiserver.cluster.local:6443 --token " + TOKEN + " \\",
            "\t--discovery-token-ca-cert-hash " + CA_HASH);

    private KubeadmOutput() {
    }
}
