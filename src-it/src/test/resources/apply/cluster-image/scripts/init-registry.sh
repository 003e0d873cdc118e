#!/bin/bash
# Stub init-registry.sh for the apply integration tests. sealer runs it on the registry host from <rootfs>/scripts
# as `bash init-registry.sh <port> <registry data dir> <domain>`. The real one starts registry:2 in docker or
# nerdctl; there is no container runtime here, so this one records the call in /var/lib/sealer/stub.log (see
# bin/kubeadm for the format) and makes the data directory.
STUB_LOG=/var/lib/sealer/stub.log
stub_log() {
    local text="${2//$'\n'/ }"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$$" "$(date +%s%N)" "$(id -u)" "$PWD" "${HostIP:-}" \
        "${text//$'\t'/ }" >> "$STUB_LOG"
}
mkdir -p /var/lib/sealer
stub_log S "init-registry.sh $*"
trap 'stub_log E "$?"' EXIT
set -e

port=$1
data=$2
domain=$3
mkdir -p "$data"
echo "[init-registry.sh] registry sealer-registry serving $data on $domain:$port (stub: no container started)"
