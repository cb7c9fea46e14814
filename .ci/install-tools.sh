#!/usr/bin/env bash
# Installs what CI's checks use, from Debian's packages, only when missing: promtool (prometheus).
set -euo pipefail

missing=()
command -v promtool >/dev/null || missing+=(prometheus)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
