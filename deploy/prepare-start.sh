#!/usr/bin/env bash
# Lays out a bridge jar for a fast start: Spring Boot's extracted layout (plain jars instead of one nested jar)
# and an AppCDS archive of the classes a start loads, written by a training start of that layout with the JVM
# that will run it. A start that finds no usable archive (another JVM, say) runs without it, only slower.
#   deploy/prepare-start.sh JAR DIR [JAVA]   (JAVA: default java on the PATH; DIR must not exist yet)
# Leaves DIR/sentry-github-bridge.jar, DIR/lib/ and DIR/app.jsa; run it as: JAVA -XX:SharedArchiveFile=DIR/app.jsa -jar DIR/sentry-github-bridge.jar
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: deploy/prepare-start.sh JAR DIR [JAVA]" >&2
  exit 2
fi
jar=$1 dir=$2 java=${3:-java}
[ -f "$jar" ] || { echo "prepare-start: no jar at $jar" >&2; exit 2; }
[ ! -e "$dir" ] || { echo "prepare-start: $dir exists already" >&2; exit 2; }

training=$(mktemp -d)
ready=
# a layout that is not ready is not left behind
trap 'rm -rf "$training"; [ -n "$ready" ] || rm -rf "$dir"' EXIT

# the jar keeps its name whatever the file given was called: the unit starts sentry-github-bridge.jar
"$java" -Djarmode=tools -jar "$jar" extract --destination "$dir" --application-filename sentry-github-bridge.jar > /dev/null

# the archive records the paths it was trained on: the training runs the layout where it will stay
# throwaway settings, its own store, any free ports, no GitHub (a dry run): it stops once the context is up
if ! env -i PATH="$PATH" SENTRY_WEBHOOK_SECRET=training SERVER_ADDRESS=127.0.0.1 SERVER_PORT=0 \
    MANAGEMENT_SERVER_ADDRESS=127.0.0.1 MANAGEMENT_SERVER_PORT=0 BRIDGE_DATA_DIR="$training/data" \
    "$java" -Xmx256m -XX:ArchiveClassesAtExit="$dir/app.jsa" -Dspring.context.exit=onRefresh \
    -jar "$dir/sentry-github-bridge.jar" > "$training/start.log" 2>&1 || [ ! -s "$dir/app.jsa" ]; then
  tail -20 "$training/start.log" >&2
  echo "prepare-start: the training start of $dir failed (its log is above)" >&2
  exit 1
fi
chmod -R a+rX "$dir"
ready=yes
echo "prepare-start: $dir is ready ($(du -sh "$dir/app.jsa" | cut -f1) class archive)"
