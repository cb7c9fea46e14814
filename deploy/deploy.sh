#!/usr/bin/env bash
# Installs a new bridge jar and restarts the service; rolls back when /health never comes.
#   deploy/deploy.sh JAR
# Settings (all optional): DEPLOY_ROOT (prefix of /opt and /etc, default /), SYSTEMCTL (systemctl),
# HEALTH_URL (http://127.0.0.1:8080/health), HEALTH_TRIES (10), HEALTH_DELAY (6 seconds),
# RELEASE_SHA (git rev-parse HEAD), SENTRY_ENVIRONMENT (production).
set -euo pipefail

log() { printf 'deploy: %s\n' "$*"; }
fail() { printf 'deploy: %s\n' "$*" >&2; exit 1; }

[ $# -eq 1 ] || { echo "usage: deploy/deploy.sh JAR" >&2; exit 2; }
jar=$1
[ -f "$jar" ] || { echo "deploy: no jar at $jar" >&2; echo "usage: deploy/deploy.sh JAR" >&2; exit 2; }

here=$(cd "$(dirname "$0")" && pwd)
root=${DEPLOY_ROOT:-}
root=${root%/}
systemctl=${SYSTEMCTL:-systemctl}
health_url=${HEALTH_URL:-http://127.0.0.1:8080/health}
tries=${HEALTH_TRIES:-10}
delay=${HEALTH_DELAY:-6}
sha=${RELEASE_SHA:-$(git -C "$here" rev-parse HEAD 2>/dev/null || echo unknown)}
environment=${SENTRY_ENVIRONMENT:-production}

app_dir=$root/opt/sentry-github-bridge
etc_dir=$root/etc/sentry-github-bridge
unit=$root/etc/systemd/system/sentry-github-bridge.service
installed=$app_dir/sentry-github-bridge.jar
release=$etc_dir/release.env

healthy() {
  local i
  for ((i = 1; i <= tries; i++)); do
    if curl -fsS --max-time 5 "$health_url" 2>/dev/null | grep -q '"UP"'; then
      log "healthy after $i check(s)"
      return 0
    fi
    log "not healthy yet ($i/$tries)"
    [ "$i" -lt "$tries" ] && sleep "$delay"
  done
  return 1
}

log "installing $jar as release $sha ($environment)"
mkdir -p "$app_dir" "$etc_dir" "$(dirname "$unit")"

# keep what runs now, so that a failed start can be undone
if [ -f "$installed" ]; then
  cp -p "$installed" "$installed.previous"
  log "kept the running jar as $installed.previous"
fi
if [ -f "$release" ]; then
  cp -p "$release" "$release.previous"
fi

install -m 0644 "$jar" "$installed.new"
mv -f "$installed.new" "$installed"
printf 'SENTRY_RELEASE=%s\nSENTRY_ENVIRONMENT=%s\n' "$sha" "$environment" > "$release.new"
mv -f "$release.new" "$release"
log "wrote $release"

install -m 0644 "$here/sentry-github-bridge.service" "$unit"
log "installed $unit"
"$systemctl" daemon-reload
"$systemctl" enable sentry-github-bridge >/dev/null
"$systemctl" restart sentry-github-bridge
log "restarted sentry-github-bridge; checking $health_url"

if healthy; then
  log "release $sha is live"
  exit 0
fi

log "never healthy: rolling back"
if [ ! -f "$installed.previous" ]; then
  fail "no previous jar to roll back to; sentry-github-bridge is down with release $sha"
fi
mv -f "$installed.previous" "$installed"
if [ -f "$release.previous" ]; then
  mv -f "$release.previous" "$release"
fi
"$systemctl" restart sentry-github-bridge
if healthy; then
  fail "release $sha failed its health check; the previous release is back"
fi
fail "release $sha failed its health check, and the previous release is not healthy either"
