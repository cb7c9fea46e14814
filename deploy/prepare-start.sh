#!/usr/bin/env bash
# Lays out a bridge jar for a fast start: Spring Boot's extracted layout (plain jars instead of one nested jar)
# and a Java AOT cache (JEP 483/514/515: classes loaded and linked, method profiles) written by a training start
# of that layout with the JVM that will run it and the unit's options, stopped once it has started. A start whose
# JVM, options or class path do not match the cache runs without it, only slower. Java 25 or later.
#   deploy/prepare-start.sh JAR DIR [JAVA]   (JAVA: default java on the PATH; DIR must not exist yet)
# Leaves DIR/sentry-github-bridge.jar, DIR/lib/ and DIR/app.aot; run it as: JAVA -XX:AOTCache=DIR/app.aot -jar DIR/sentry-github-bridge.jar
# PREPARE_START_FILE_TIME (a touch -d date) sets the jars' times before the training, for an image builder that
# sets every file's time (Jib: 1970-01-01T00:00:01Z): the cache only serves jars with the times it saw.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: deploy/prepare-start.sh JAR DIR [JAVA]" >&2
  exit 2
fi
jar=$1 dir=$2 java=${3:-java}
# the unit's JVM options: the cache is trained with them (docs/benchmarks.md says why these)
jvm_options=(-Xmx256m -Xms32m -XX:+UseSerialGC -XX:+UseCompactObjectHeaders --enable-native-access=ALL-UNNAMED)
[ -f "$jar" ] || { echo "prepare-start: no jar at $jar" >&2; exit 2; }
[ ! -e "$dir" ] || { echo "prepare-start: $dir exists already" >&2; exit 2; }
command -v "$java" > /dev/null || { echo "prepare-start: no $java to run" >&2; exit 2; }
version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
if ! [[ $version =~ ^[0-9]+$ ]] || [ "$version" -lt 25 ]; then
  echo "prepare-start: $java is Java ${version:-of an unknown version}; the bridge is deployed on Java 25 or later (its AOT cache)" >&2
  exit 2
fi

training=$(mktemp -d)
ready='' pid=''
# the training JVM and what it started (the JVM that assembles the cache), killed
kill_training() {
  pkill -KILL -P "$pid" 2> /dev/null || true
  kill -KILL "$pid" 2> /dev/null || true
}
# a layout that is not ready is not left behind, nor a training start still running
trap '[ -z "$pid" ] || kill_training; rm -rf "$training"; [ -n "$ready" ] || rm -rf "$dir"' EXIT

# the jar keeps its name whatever the file given was called: the unit starts sentry-github-bridge.jar
"$java" -Djarmode=tools -jar "$jar" extract --destination "$dir" --application-filename sentry-github-bridge.jar > /dev/null
if [ -n "${PREPARE_START_FILE_TIME:-}" ]; then
  find "$dir" -type f -exec touch -d "$PREPARE_START_FILE_TIME" {} +
fi

# the cache records the paths it was trained on: the training runs the layout where it will stay, with
# throwaway settings, its own store, any free ports and no GitHub (a dry run), through a whole start (Camel's
# routes loaded and started, both web servers up: what a start spends its time on), then it is stopped as
# systemd stops it; the JVM writes the cache as it exits
env -i PATH="$PATH" SENTRY_WEBHOOK_SECRET=training SERVER_ADDRESS=127.0.0.1 SERVER_PORT=0 \
  MANAGEMENT_SERVER_ADDRESS=127.0.0.1 MANAGEMENT_SERVER_PORT=0 BRIDGE_DATA_DIR="$training/data" \
  "$java" "${jvm_options[@]}" -XX:AOTCacheOutput="$dir/app.aot" -jar "$dir/sentry-github-bridge.jar" \
  > "$training/start.log" 2>&1 &
pid=$!
started=
for _ in $(seq 1 1200); do
  if grep -q "Started BridgeApplication" "$training/start.log"; then started=yes; break; fi
  kill -0 "$pid" 2> /dev/null || break
  sleep 0.1
done
# stopped as systemd stops it, given as long as the unit gives a stop (90 s) to write the cache
kill -TERM "$pid" 2> /dev/null || true
for _ in $(seq 1 900); do
  kill -0 "$pid" 2> /dev/null || break
  sleep 0.1
done
if kill -0 "$pid" 2> /dev/null; then
  kill_training
  tail -20 "$training/start.log" >&2
  echo "prepare-start: the training start of $dir did not stop within 90 s of SIGTERM (its log is above)" >&2
  exit 1
fi
wait "$pid" || true
pid=
if [ -z "$started" ]; then
  tail -20 "$training/start.log" >&2
  echo "prepare-start: the training start of $dir failed (its log is above)" >&2
  exit 1
fi
[ -s "$dir/app.aot" ] || { tail -20 "$training/start.log" >&2; echo "prepare-start: the training start wrote no AOT cache" >&2; exit 1; }
chmod -R a+rX "$dir"
ready=yes
echo "prepare-start: $dir is ready ($(du -sh "$dir/app.aot" | cut -f1) AOT cache, Java $version)"
