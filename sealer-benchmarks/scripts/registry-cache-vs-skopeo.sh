#!/usr/bin/env bash
# Whole-process benchmark: sealer's registry cache vs skopeo, against a local docker-registry on 127.0.0.1.
# Builds the benchmarks jar and the CLI jar (unless SKIP_BUILD=1) and runs
# io.sealer.benchmarks.registry.CacheBenchmarkMain with the CLI launcher sealer-examples/bin/sealer; extra arguments go
# to the main (--reps N, --parallel N, --seed N, --work-dir DIR, --keep, --no-sync, --no-sdk-jvm, --no-breakdown,
# --no-settle, --delete-between, --fixed-order, --registry-bin PATH, --skopeo PATH). Needs java 17+, maven, skopeo
# and docker-registry on the PATH (strace for the system-call counts of the breakdown). The ratio lines read
# "RATIO skopeo-oci / sealer-fresh-jvm: X.XXx" and "RATIO skopeo-oci / sealer-in-process: X.XXx".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
for tool in java skopeo "${REGISTRY_BIN:-docker-registry}"; do
  command -v "$tool" >/dev/null || { echo "missing $tool on the PATH" >&2; exit 2; }
done
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$root" && mvn -q -pl sealer-benchmarks,sealer-examples -am package -DskipTests)
fi
echo "machine: $(nproc) cores, $(uptime)"
exec java ${JAVA_OPTS:-} -cp "$root/sealer-benchmarks/target/benchmarks.jar" \
  io.sealer.benchmarks.registry.CacheBenchmarkMain --registry-bin "${REGISTRY_BIN:-docker-registry}" \
  --sealer "$root/sealer-examples/bin/sealer" "$@"
