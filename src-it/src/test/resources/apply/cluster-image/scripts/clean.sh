#!/bin/bash
# Stub clean.sh for the apply integration tests. sealer runs it from <rootfs>/scripts when a host leaves the
# cluster, before it removes the cluster's directory. The real one removes the container runtime and the binaries;
# this one records the call in /var/lib/sealer/stub.log (see bin/kubeadm for the format) and removes what the stub
# init.sh installed.
STUB_LOG=/var/lib/sealer/stub.log
stub_log() {
    local text="${2//$'\n'/ }"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$$" "$(date +%s%N)" "$(id -u)" "$PWD" "${HostIP:-}" \
        "${text//$'\t'/ }" >> "$STUB_LOG"
}
mkdir -p /var/lib/sealer
stub_log S "clean.sh $*"
trap 'stub_log E "$?"' EXIT

rm -f /usr/local/bin/kubeadm /usr/local/bin/kubectl /usr/local/bin/kubelet /usr/local/bin/seautil \
    /etc/sysctl.d/k8s.conf
echo "[clean.sh] removed kubeadm, kubectl, kubelet, seautil and the sysctl settings"
