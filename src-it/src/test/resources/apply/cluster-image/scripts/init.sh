#!/bin/bash
# Stub init.sh for the apply integration tests. sealer runs it on every host from <rootfs>/scripts as
# `bash init.sh <docker data root> <registry domain> <registry port>`. The real one installs the container runtime,
# kubelet and the binaries; this one records the call in /var/lib/sealer/stub.log (see bin/kubeadm for the format)
# and installs the image's stub binaries into /usr/local/bin.
STUB_LOG=/var/lib/sealer/stub.log
stub_log() {
    local text="${2//$'\n'/ }"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$$" "$(date +%s%N)" "$(id -u)" "$PWD" "${HostIP:-}" \
        "${text//$'\t'/ }" >> "$STUB_LOG"
}
mkdir -p /var/lib/sealer
stub_log S "init.sh $*"
trap 'stub_log E "$?"' EXIT
set -e

echo "[init.sh] docker data root $1, registry $2:$3"
cp ../bin/* /usr/local/bin/
chmod +x /usr/local/bin/*
mkdir -p /etc/sysctl.d
printf 'net.bridge.bridge-nf-call-ip6tables = 1\nnet.bridge.bridge-nf-call-iptables = 1\nnet.ipv4.ip_forward = 1\n' \
    > /etc/sysctl.d/k8s.conf
echo "[init.sh] installed kubeadm, kubectl, kubelet and seautil into /usr/local/bin"
