#!/bin/bash
# Stand-in for the base image's init.sh: says what the real script does, changes nothing.
set -e
echo "[init.sh stand-in] $*"
