#!/usr/bin/env bash
# Runs every test of the project (unit, fuzz regression and integration tests).
# Installs the Debian packages the integration tests need when they are missing, then runs Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for pkg in docker-registry skopeo openssh-server openssh-client iproute2 sudo; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "Installing test prerequisites: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

exec mvn -B -ntp verify "$@"
