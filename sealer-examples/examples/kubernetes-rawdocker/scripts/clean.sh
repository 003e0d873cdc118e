#!/bin/bash
# Stand-in for the base image's clean.sh: says what the real script does, changes nothing.
set -e
echo "[clean.sh stand-in] $*"
