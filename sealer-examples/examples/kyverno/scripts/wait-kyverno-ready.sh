#!/bin/bash
echo "[kyverno-start]: Waiting for the kyverno to be ready..."
while true; do
  clusterPolicyStatus=$(kubectl get cpol -o go-template --template='{{range.items}}{{.status.ready}}{{end}}')
  if [ "$clusterPolicyStatus" == "true" ]; then
    break
  fi
  sleep 1
done
echo "kyverno is running"
