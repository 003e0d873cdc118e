#!/bin/bash
# Stand-in for the base image's init-registry.sh: says what the real script does, changes nothing.
set -e
echo "[init-registry.sh stand-in] $*"
