#!/usr/bin/env bash
# Installs a bridge jar, lays it out for a fast start (prepare-start.sh: extracted jars and a class archive),
# restarts the service, and puts the previous release back if /health never answers 200.
#   deploy/deploy.sh JAR
# Settings (all optional): DEPLOY_ROOT (prefix of /opt and /etc, default /), SYSTEMCTL (systemctl),
# JAVA (/usr/bin/java: a Java 25 or later; the unit runs it through the link /opt/sentry-github-bridge/java,
# and the AOT cache only serves the JVM that wrote it),
# HEALTH_URL (http://127.0.0.1:8080/health), HEALTH_TRIES (10), HEALTH_DELAY (6 seconds),
# RELEASE_SHA (git rev-parse HEAD, else unknown), SENTRY_ENVIRONMENT (production). See docs/deploy.md.
set -euo pipefail

usage='usage: deploy/deploy.sh JAR   (settings: DEPLOY_ROOT SYSTEMCTL JAVA HEALTH_URL HEALTH_TRIES HEALTH_DELAY RELEASE_SHA SENTRY_ENVIRONMENT)'
log() { printf 'deploy: %s\n' "$*"; }
fail() { printf 'deploy: %s\n' "$*" >&2; exit 1; }
trap 'printf "deploy: failed at line %s: %s\n" "$LINENO" "$BASH_COMMAND" >&2' ERR

if [ $# -ne 1 ]; then
  printf 'deploy: expected one argument, the jar to install\n%s\n' "$usage" >&2
  exit 2
fi
jar=$1
if [ ! -f "$jar" ]; then
  printf 'deploy: no jar at %s\n%s\n' "$jar" "$usage" >&2
  exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
root=${DEPLOY_ROOT:-}
root=${root%/}
systemctl=${SYSTEMCTL:-systemctl}
java=${JAVA:-/usr/bin/java}
health_url=${HEALTH_URL:-http://127.0.0.1:8080/health}
tries=${HEALTH_TRIES:-10}
delay=${HEALTH_DELAY:-6}
sha=${RELEASE_SHA:-$(git -C "$here" rev-parse HEAD 2>/dev/null || echo unknown)}
environment=${SENTRY_ENVIRONMENT:-production}

[[ $tries =~ ^[1-9][0-9]*$ ]] || fail "HEALTH_TRIES must be a whole number of at least 1, not '$tries'"
[[ $delay =~ ^[0-9]+(\.[0-9]+)?$ ]] || fail "HEALTH_DELAY must be a number of seconds, not '$delay'"
# fail before touching anything, not half-way through
command -v curl >/dev/null || fail "curl is missing: it is needed for the health check"
command -v "$systemctl" >/dev/null || fail "no $systemctl to run"
command -v "$java" >/dev/null || fail "no $java to run (set JAVA to the JVM the unit runs)"

service=sentry-github-bridge
app_dir=$root/opt/sentry-github-bridge
etc_dir=$root/etc/sentry-github-bridge
installed=$app_dir/sentry-github-bridge.jar
# the JVM the unit starts: a link, so that the unit's ExecStart names a fixed path
jvm_link=$app_dir/java
releases=$app_dir/releases
release=$etc_dir/release.env
unit=$root/etc/systemd/system/sentry-github-bridge.service
# outside /etc/systemd/system, so that systemd never sees it as a unit
previous_unit=$etc_dir/sentry-github-bridge.service.previous

healthy() {
  local i status
  for ((i = 1; i <= tries; i++)); do
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$health_url" || true)
    if [ "$status" = 200 ]; then
      log "health check $i/$tries: 200"
      return 0
    fi
    log "health check $i/$tries: ${status/#000/no answer}"
    if [ "$i" -lt "$tries" ]; then
      sleep "$delay"
    fi
  done
  return 1
}

log "installing $jar as release $sha ($environment) under ${root:-/}"
install -d -m 0755 "$app_dir" "$etc_dir" "$(dirname "$unit")" "$releases"

# the release the unit starts: its own directory, so that the running one is untouched until the restart
safe_sha=${sha//[^A-Za-z0-9._-]/_}
home=/opt/sentry-github-bridge/releases/$(date -u +%Y%m%dT%H%M%SZ)-${safe_sha:0:12}
"$here/prepare-start.sh" "$jar" "$root$home" "$java"
log "laid out $root$home for a fast start"

# keep what runs now, so that a release that never gets healthy can be undone
if [ -f "$installed" ]; then
  cp -p "$installed" "$installed.previous"
  log "kept the running jar as $installed.previous"
fi
if [ -f "$release" ]; then
  cp -p "$release" "$release.previous"
  log "kept the running release as $release.previous"
fi
if [ -f "$unit" ]; then
  cp -p "$unit" "$previous_unit"
  log "kept the running unit as $previous_unit"
fi
if [ -L "$jvm_link" ]; then
  cp -P "$jvm_link" "$jvm_link.previous"
  log "kept the running JVM link as $jvm_link.previous"
fi

# the JVM that trained the AOT cache is the one the unit runs
ln -sfn "$(readlink -f "$(command -v "$java")")" "$jvm_link.new"
mv -Tf "$jvm_link.new" "$jvm_link"
log "linked $jvm_link to $(readlink "$jvm_link")"

# a rename, not an overwrite: the running JVM still reads classes from the old file
install -m 0644 "$jar" "$installed.new"
mv -f "$installed.new" "$installed"
log "installed $installed"
printf 'SENTRY_RELEASE=%s\nSENTRY_ENVIRONMENT=%s\nBRIDGE_HOME=%s\n' "$sha" "$environment" "$home" > "$release.new"
mv -f "$release.new" "$release"
log "wrote $release"
install -m 0644 "$here/sentry-github-bridge.service" "$unit.new"
mv -f "$unit.new" "$unit"
log "installed $unit"

"$systemctl" daemon-reload
log "reloaded systemd"
"$systemctl" enable --quiet "$service"
log "enabled $service"
"$systemctl" restart "$service"
log "restarted $service; polling $health_url up to $tries times, ${delay}s apart"

# the releases kept: this one, and the one a rollback goes back to
home_of() { sed -n 's/^BRIDGE_HOME=//p' "$1" 2>/dev/null || true; }
prune() {
  local keep dir
  keep=$(home_of "$release.previous")
  for dir in "$releases"/*; do
    [ -d "$dir" ] || continue
    case "$dir" in "$root$home" | "$root$keep") ;; *) rm -rf "$dir" ;; esac
  done
}

if healthy; then
  prune
  log "release $sha is live"
  exit 0
fi

if [ ! -f "$installed.previous" ]; then
  fail "release $sha never answered 200 on $health_url, and there is no previous jar to roll back to: $service is down (journalctl -u $service)"
fi
log "release $sha never answered 200 on $health_url: rolling back"
mv -f "$installed.previous" "$installed"
log "restored the previous jar"
rm -rf "$root$home"
if [ -f "$release.previous" ]; then
  mv -f "$release.previous" "$release"
  log "restored the previous $release"
else
  rm -f "$release"
  log "removed $release: the previous release had none"
fi
if [ -L "$jvm_link.previous" ]; then
  mv -Tf "$jvm_link.previous" "$jvm_link"
  log "restored the previous JVM link"
fi
if [ -f "$previous_unit" ]; then
  mv -f "$previous_unit" "$unit"
  "$systemctl" daemon-reload
  log "restored the previous unit and reloaded systemd"
fi
"$systemctl" restart "$service"
log "restarted $service with the previous release"

previous_sha=$(sed -n 's/^SENTRY_RELEASE=//p' "$release" 2>/dev/null || true)
if healthy; then
  fail "release $sha failed its health check; rolled back to release ${previous_sha:-unknown}, which is healthy"
fi
fail "release $sha failed its health check, and the previous release ${previous_sha:-unknown} is not healthy either (journalctl -u $service)"
