#!/usr/bin/env bash
# The storm-in, issues-out benchmark: the packaged jar (-Xmx256m) against a GitHub stand-in that answers
# at once, driven by wrk from a separate process on loopback, beside the ceiling (the JDK's HTTP server doing
# only HMAC + Jackson) and the framework's floor (bench/floor: the same work as a Camel YAML route on Spring Boot).
#   bench/run.sh            all scenarios (about 12 minutes)
#   bench/run.sh storm      one scenario: steady, storm, flood, mixed, coldstart (the jar's cold start is also
#                           measured on every start; coldstart compares it with the layout deploy/ installs)
# Writes bench/results/<UTC time>.md. Needs wrk (apt-get install wrk), python3, curl, a built jar.
# BENCH_JAVA_OPTS adds JVM options to the bridge, e.g. -XX:StartFlightRecording=filename=storm.jfr,settings=profile;
# BENCH_JAVA runs the three servers on another JVM (default: the Java 25 that deploy/ runs, DEPLOY_JAVA, else java
# on the PATH); BENCH_SERVERS="bridge" measures
# only some of ceiling, floor and bridge in storm and flood; BENCH_STORM_WARMUPS="60" only some warm-ups (seconds)
set -euo pipefail
cd "$(dirname "$0")/.."

only=${1:-all}
java=${BENCH_JAVA:-${DEPLOY_JAVA:-java}}
servers=${BENCH_SERVERS:-ceiling floor bridge}
# the JVM options of deploy/sentry-github-bridge.service (bar its AOT cache)
bridge_jvm="-Xmx256m -Xms32m -XX:+UseSerialGC -XX:+UseCompactObjectHeaders -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED"
out=target/bench
secret=bench-secret
jar=target/sentry-github-bridge.jar
# storm and flood run as fast as the machine takes them for a fixed time (wrk measures by duration),
# long enough for well over 20,000 deliveries here; the table gives the count
steady_rate=300 steady_seconds=60 steady_issues=1000
# storm and flood: each server is started afresh, warmed with the same load, then measured; the storm is
# measured after a short and after a one-minute warm-up (a bridge must be fast soon after it starts)
storm_seconds=15 storm_warmups=${BENCH_STORM_WARMUPS:-15 60} storm_issues=50 flood_seconds=15 flood_warmup_seconds=15
mixed_seconds=25 mixed_warmup_seconds=30
mkdir -p "$out" bench/results
results=bench/results/$(date -u +%Y%m%dT%H%M%SZ).md

command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)" >&2; exit 2; }
[ -f "$jar" ] || ./mvnw -q -B -ntp -DskipTests package
rm -rf "${out:?}/lib" && mkdir -p "$out/lib"
unzip -q -o -j "$jar" 'BOOT-INF/lib/jackson-core-*.jar' 'BOOT-INF/lib/jackson-databind-*.jar' 'BOOT-INF/lib/jackson-annotations-*.jar' -d "$out/lib"
ceiling_cp=$(find "$out/lib" -name '*.jar' | paste -sd: -)
# compiled ahead, so that the ceiling's cold start is not javac's
rm -rf "${out:?}/classes" && mkdir -p "$out/classes"
javac --release 17 -d "$out/classes" -cp "$ceiling_cp" bench/Ceiling.java bench/GitHubStandIn.java
ceiling_cp=$out/classes:$ceiling_cp
floor_jar=bench/floor/target/floor.jar
./mvnw -q -B -ntp -f bench/floor/pom.xml -DskipTests package

pids=()
cleanup() {
  local status=$?
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  exit "$status"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
field() { sed -n "s/.*[{,]\"$1\":\([0-9.-]*\).*/\1/p"; }

gh_port=$(free_port)
# without nodelay the JDK server's header and body writes meet Nagle and delayed ACK: 40 ms a request
java -Dsun.net.httpserver.nodelay=true -cp "$out/classes" GitHubStandIn "$gh_port" > "$out/github.log" 2>&1 &
pids+=($!)
until curl -fsS "http://127.0.0.1:$gh_port/stats" >/dev/null 2>&1; do sleep 0.2; done
creates() { curl -fsS "http://127.0.0.1:$gh_port/stats" | field creates; }

fixture=src/test/resources/sentry/event_alert_triggered.sentry-docs.json
python3 bench/make-requests.py "$fixture" "$steady_issues" "$secret" "$out/steady.lua"
python3 bench/make-requests.py "$fixture" "$storm_issues" "$secret" "$out/storm.lua"
python3 bench/make-requests.py "$fixture" "$storm_issues" "$secret" "$out/flood.lua" --forged

# start_bridge NAME: starts the jar, sets bridge_pid, port, mport, cold_ms
start_bridge() {
  port=$(free_port) mport=$(free_port)
  rm -rf "$out/data-$1"
  local t0
  t0=$(now_ms)
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS holds several options
  SERVER_PORT=$port MANAGEMENT_SERVER_PORT=$mport SENTRY_WEBHOOK_SECRET=$secret \
  GITHUB_TOKEN=bench-token GITHUB_REPOSITORY=bench/bench GITHUB_API_URL=http://127.0.0.1:$gh_port \
  BRIDGE_GITHUB_WRITE_INTERVAL=PT0.001S BRIDGE_GITHUB_CREATES_PER_MINUTE=5000 BRIDGE_DATA_DIR="$out/data-$1" \
    "$java" $bridge_jvm -Xlog:gc:file="$out/gc-$1.log" ${BENCH_JAVA_OPTS:-} -jar "$jar" > "$out/bridge-$1.log" 2>&1 &
  bridge_pid=$!
  pids+=("$bridge_pid")
  until curl -fsS "http://127.0.0.1:$port/health" 2>/dev/null | grep -q UP; do
    kill -0 "$bridge_pid" 2>/dev/null || { tail -5 "$out/bridge-$1.log" >&2; echo "bench: the bridge died" >&2; exit 1; }
    sleep 0.05
  done
  cold_ms=$(( $(now_ms) - t0 ))
}

pending() { curl -fsS "http://127.0.0.1:$mport/actuator/prometheus" | sed -n 's/^bridge_pending_alerts \([0-9.]*\).*/\1/p'; }

# drain EXPECTED BASE: waits until EXPECTED more issues reached GitHub and nothing is pending; sets drain_ms
drain() {
  local t0 deadline
  t0=$(now_ms)
  deadline=$(( t0 + 180000 ))
  while [ "$(( $(creates) - $2 ))" -lt "$1" ] || [ "$(pending)" != "0.0" ]; do
    [ "$(now_ms)" -gt "$deadline" ] && break
    sleep 0.1
  done
  drain_ms=$(( $(now_ms) - t0 ))
}

# stop_bridge NAME: records peak RSS, GC pauses, peak heap, and stops the jar
stop_bridge() {
  rss_mb=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$bridge_pid/status")
  kill "$bridge_pid"
  wait "$bridge_pid" 2>/dev/null || true
  read -r gc_count gc_total gc_max heap_peak < <(awk '/Pause/ {
      n++; ms=$NF; sub(/ms/, "", ms); t+=ms; if (ms>m) m=ms
      for (i=1;i<=NF;i++) if ($i ~ /->/) { split($i, a, "->"); b=a[1]; sub(/M/, "", b); if (b+0>h) h=b+0 }
    } END { printf "%d %.1f %.1f %d\n", n, t, m, h }' "$out/gc-$1.log")
  oom=$(grep -c OutOfMemoryError "$out/bridge-$1.log" || true)
  [ "$oom" = 0 ] || echo "bench: OutOfMemoryError in the $1 run" >&2
}

# load NAME URL LUA THREADS CONNECTIONS SECONDS DELAY_MS: runs wrk, sets the w_* RESULT fields and rps
w_requests=0 w_duration_us=1 w_non2xx=0 w_socket_errors=0 w_p50_us=0 w_p99_us=0 w_p999_us=0 w_max_us=0
load() {
  BENCH_REQUESTS=$3 BENCH_DELAY_MS=$7 wrk -t"$4" -c"$5" -d"$6"s --timeout 5s \
    -s bench/deliveries.lua "$2" > "$out/wrk-$1.txt" 2>&1
  local line
  line=$(grep '^RESULT' "$out/wrk-$1.txt")
  for kv in ${line#RESULT }; do declare -g "w_${kv%%=*}=${kv#*=}"; done
  requests=$w_requests
  rps=$(awk -v r="$w_requests" -v d="$w_duration_us" 'BEGIN { printf "%.0f", r / (d / 1e6) }')
}

ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
# the last load's cells: deliveries, req/s, p50, p99, p99.9, max
measured() { printf '%s | %s | %s | %s | %s | %s' "$requests" "$rps" "$(ms "$w_p50_us")" "$(ms "$w_p99_us")" "$(ms "$w_p999_us")" "$(ms "$w_max_us")"; }
rows=()
declare -A summary=()
row() { rows+=("$1"); printf '%s\n' "$1"; }

if [ "$only" = all ] || [ "$only" = steady ]; then
  start_bridge steady
  base=$(creates)
  # 10 connections, each pausing so that together they send about 300 a second
  load steady "http://127.0.0.1:$port" "$out/steady.lua" 2 10 "$steady_seconds" $(( 10 * 1000 / steady_rate ))
  drain "$steady_issues" "$base"
  written=$(( $(creates) - base ))
  stop_bridge steady
  row "| steady | bridge | $(measured) | $((w_non2xx + w_socket_errors)) | $written / $steady_issues | $drain_ms | $heap_peak | $rss_mb | $gc_count / $gc_total / $gc_max | $cold_ms |"
fi

# start_other KIND NAME: starts the ceiling or the floor, sets other_pid, port, cold_ms
start_other() {
  port=$(free_port)
  local t0
  t0=$(now_ms)
  if [ "$1" = ceiling ]; then
    "$java" -Xmx256m -Dsun.net.httpserver.nodelay=true -cp "$ceiling_cp" Ceiling "$port" "$secret" > "$out/$2.log" 2>&1 &
  else
    # shellcheck disable=SC2086 # floor_jvm holds several options
    SERVER_PORT=$port SENTRY_WEBHOOK_SECRET=$secret "$java" ${floor_jvm:--Xmx256m} -jar "${floor_target:-$floor_jar}" > "$out/$2.log" 2>&1 &
  fi
  other_pid=$!
  pids+=("$other_pid")
  # ready when an unsigned delivery is refused
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' \
      "http://127.0.0.1:$port/webhooks/sentry")" = 401 ]; do
    kill -0 "$other_pid" 2>/dev/null || { tail -5 "$out/$2.log" >&2; echo "bench: the $1 died" >&2; exit 1; }
    sleep 0.05
  done
  cold_ms=$(( $(now_ms) - t0 ))
}

stop_other() {
  rss_mb=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$other_pid/status")
  kill "$other_pid"
  wait "$other_pid" 2>/dev/null || true
}

# cpu_ticks PID: the process's user and system CPU so far, in clock ticks (after the name, which may hold spaces)
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
# warm_and_measure NAME LUA WARMUP SECONDS PID: the same load first to warm the server PID, then measured; sets
# cpu_per_k, the server's CPU ms per 1,000 deliveries measured (what a delivery costs; on a shared machine it moves
# with the other tenants' load much as req/s does)
warm_and_measure() {
  load "$1-warmup" "http://127.0.0.1:$port" "$2" 2 32 "$3" 0
  local before
  before=$(cpu_ticks "$5")
  load "$1" "http://127.0.0.1:$port" "$2" 2 32 "$4" 0
  cpu_per_k=$(awk -v t="$(( $(cpu_ticks "$5") - before ))" -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN { printf "%.0f", (n > 0 ? t * 1000 / hz * 1000 / n : 0) }')
}
cpu_notes=()

if [ "$only" = all ] || [ "$only" = storm ]; then
  for warmup in $storm_warmups; do
    for server in $servers; do
      name=storm-$warmup-$server
      if [ "$server" = bridge ]; then
        start_bridge "$name"
        base=$(creates)
        warm_and_measure "$name" "$out/storm.lua" "$warmup" "$storm_seconds" "$bridge_pid"
        drain "$storm_issues" "$base"
        written=$(( $(creates) - base ))
        stop_bridge "$name"
        row "| storm, ${warmup} s warm-up | bridge | $(measured) | $((w_non2xx + w_socket_errors)) | $written / $storm_issues | $drain_ms | $heap_peak | $rss_mb | $gc_count / $gc_total / $gc_max | $cold_ms |"
      else
        start_other "$server" "$name"
        warm_and_measure "$name" "$out/storm.lua" "$warmup" "$storm_seconds" "$other_pid"
        stop_other
        row "| storm, ${warmup} s warm-up | $server | $(measured) | $((w_non2xx + w_socket_errors)) | – | – | – | $rss_mb | – | $cold_ms |"
      fi
      summary["storm-$warmup-$server"]=$rps
      cpu_notes+=("storm, ${warmup} s warm-up, $server: $cpu_per_k")
    done
  done
fi

if [ "$only" = all ] || [ "$only" = flood ]; then
  for server in $servers; do
    name=flood-$server
    if [ "$server" = bridge ]; then
      start_bridge "$name"
      base=$(creates)
      warm_and_measure "$name" "$out/flood.lua" "$flood_warmup_seconds" "$flood_seconds" "$bridge_pid"
      healthy=$(curl -fsS "http://127.0.0.1:$port/health" | grep -c UP || true)
      written=$(( $(creates) - base ))
      stop_bridge "$name"
      row "| flood (forged), ${flood_warmup_seconds} s warm-up | bridge | $(measured) | ${w_socket_errors} socket, $w_non2xx × 401 | $written / 0 | – | $heap_peak | $rss_mb | $gc_count / $gc_total / $gc_max | healthy after: $healthy |"
    else
      start_other "$server" "$name"
      warm_and_measure "$name" "$out/flood.lua" "$flood_warmup_seconds" "$flood_seconds" "$other_pid"
      stop_other
      row "| flood (forged), ${flood_warmup_seconds} s warm-up | $server | $(measured) | ${w_socket_errors} socket, $w_non2xx × 401 | – | – | – | $rss_mb | – | – |"
    fi
    summary["flood-$server"]=$rps
    cpu_notes+=("flood, $server: $cpu_per_k")
  done
fi

if [ "$only" = all ] || [ "$only" = mixed ]; then
  # an attacker's forged flood at full speed, and beside it Sentry's genuine deliveries at about 50 a second:
  # what counts is how long the genuine ones wait
  # what an attack meets is a bridge that has been running: the same mix, on other Sentry issues, warms it first
  python3 bench/make-requests.py "$fixture" "$steady_issues" "$secret" "$out/mixed-warmup.lua" --first=1000000
  start_bridge mixed
  mixed_flood() {
    BENCH_REQUESTS=$out/flood.lua BENCH_DELAY_MS=0 wrk -t1 -c32 -d"$1"s --timeout 5s \
      -s bench/deliveries.lua "http://127.0.0.1:$port" > "$out/wrk-mixed-flood.txt" 2>&1 &
    flood_pid=$!
  }
  mixed_flood "$mixed_warmup_seconds"
  load mixed-warmup "http://127.0.0.1:$port" "$out/mixed-warmup.lua" 1 10 "$mixed_warmup_seconds" 200
  wait "$flood_pid"
  drain 0 "$(creates)"
  base=$(creates)
  mixed_flood "$mixed_seconds"
  load mixed "http://127.0.0.1:$port" "$out/steady.lua" 1 10 "$mixed_seconds" 200
  wait "$flood_pid"
  forged=$(grep '^RESULT' "$out/wrk-mixed-flood.txt" | sed -n 's/.* requests=\([0-9]*\) .*/\1/p')
  drain 0 "$base"
  written=$(( $(creates) - base ))
  stop_bridge mixed
  row "| mixed: genuine 50/s beside a forged flood ($forged forged) | bridge | $(measured) | $((w_non2xx + w_socket_errors)) | $written | $drain_ms | $heap_peak | $rss_mb | $gc_count / $gc_total / $gc_max | $cold_ms |"
fi

if [ "$only" = all ] || [ "$only" = steady ]; then
  start_other ceiling steady-ceiling
  load ceiling-steady "http://127.0.0.1:$port" "$out/steady.lua" 2 10 "$steady_seconds" $(( 10 * 1000 / steady_rate ))
  stop_other
  row "| steady | ceiling | $(measured) | $((w_non2xx + w_socket_errors)) | – | – | – | $rss_mb | – | $cold_ms |"
fi

# cold_start NAME JAR [JVM OPTIONS]: launch to a healthy /health, then stop; sets cold_ms
cold_start() {
  local name=$1 target=$2 t0 p
  shift 2
  port=$(free_port) mport=$(free_port)
  t0=$(now_ms)
  SERVER_PORT=$port MANAGEMENT_SERVER_PORT=$mport SENTRY_WEBHOOK_SECRET=$secret BRIDGE_DATA_DIR="$out/data-$name" \
    "$java" -Xmx256m "$@" -jar "$target" > "$out/bridge-$name.log" 2>&1 &
  p=$!
  pids+=("$p")
  until curl -fsS "http://127.0.0.1:$port/health" 2>/dev/null | grep -q UP; do
    kill -0 "$p" 2>/dev/null || { tail -5 "$out/bridge-$name.log" >&2; echo "bench: $name died" >&2; exit 1; }
    sleep 0.05
  done
  cold_ms=$(( $(now_ms) - t0 ))
  kill "$p"
  wait "$p" 2>/dev/null || true
}

if [ "$only" = all ] || [ "$only" = coldstart ]; then
  # three starts of each, the packaged jar as `java -jar` runs it, and as deploy/ installs it: the layout of
  # deploy/prepare-start.sh (extracted jars, the AOT cache of a training start) with the unit's options
  rm -rf "${out:?}/release"
  bash deploy/prepare-start.sh "$jar" "$out/release" "$java" > /dev/null
  for i in 1 2 3; do
    cold_start "cold-jar-$i" "$jar"
    row "| cold start $i | bridge, packaged jar (\`java -jar\`) | – | – | – | – | – | – | – | – | – | – | – | – | $cold_ms |"
    # shellcheck disable=SC2086 # bridge_jvm holds several options
    cold_start "cold-release-$i" "$out/release/sentry-github-bridge.jar" $bridge_jvm -XX:AOTCache="$out/release/app.aot"
    row "| cold start $i | bridge, as deploy/ installs it (prepare-start.sh) | – | – | – | – | – | – | – | – | – | – | – | – | $cold_ms |"
  done
  # the framework's floor laid out and trained the same way (extracted jars, an AOT cache of a whole start, the
  # unit's options): what Spring Boot, Tomcat and Camel with one YAML route take to their first answer here
  rm -rf "${out:?}/floor-release"
  "$java" -Djarmode=tools -jar "$floor_jar" extract --destination "$out/floor-release" > /dev/null
  # shellcheck disable=SC2086 # bridge_jvm holds several options
  SERVER_PORT=0 SENTRY_WEBHOOK_SECRET=$secret "$java" $bridge_jvm -XX:AOTCacheOutput="$out/floor-release/app.aot" \
    -jar "$out/floor-release/floor.jar" > "$out/floor-training.log" 2>&1 &
  p=$!
  pids+=("$p")
  for _ in $(seq 1 1200); do
    grep -q "Started Floor" "$out/floor-training.log" && break
    kill -0 "$p" 2>/dev/null || break
    sleep 0.1
  done
  kill "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
  [ -s "$out/floor-release/app.aot" ] || { tail -5 "$out/floor-training.log" >&2; echo "bench: the floor's training start wrote no AOT cache" >&2; exit 1; }
  for i in 1 2 3; do
    floor_jvm="$bridge_jvm -XX:AOTCache=$out/floor-release/app.aot" floor_target=$out/floor-release/floor.jar start_other floor "cold-floor-$i"
    stop_other
    row "| cold start $i | floor, laid out the same way (AOT cache) | – | – | – | – | – | – | – | – | – | – | – | – | $cold_ms |"
  done
fi

{
  echo "# Benchmark run $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(free -g | awk '/Mem/ {print $2}') GiB;" \
    "$("$java" -version 2>&1 | head -1); commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$([ -z "$(git status --porcelain -- src routes pom.xml 2>/dev/null)" ] || echo ' with changes not committed'); jar built $(date -u -r "$jar" +%Y-%m-%dT%H:%MZ)."
  echo
  echo "| scenario | server | deliveries | req/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | GitHub issues / Sentry issues | drain ms | peak heap MB | peak RSS MB | GC pauses (n / total ms / max ms) | cold start ms |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  if [ ${#cpu_notes[@]} -gt 0 ]; then
    echo
    echo "CPU ms per 1,000 deliveries measured (the server process, user and system): $(IFS=';'; echo "${cpu_notes[*]}" | sed 's/;/; /g')."
  fi
  share() { awk -v b="${summary[$1]}" -v c="${summary[$2]}" 'BEGIN { printf "%.0f%%", 100 * b / c }'; }
  for warmup in $storm_warmups; do
    if [ -n "${summary[storm-$warmup-bridge]:-}" ] && [ -n "${summary[storm-$warmup-floor]:-}" ] && [ -n "${summary[storm-$warmup-ceiling]:-}" ]; then
      echo
      echo "Storm after a ${warmup} s warm-up: ceiling ${summary[storm-$warmup-ceiling]} req/s;" \
        "floor ${summary[storm-$warmup-floor]} ($(share "storm-$warmup-floor" "storm-$warmup-ceiling") of the ceiling);" \
        "bridge ${summary[storm-$warmup-bridge]} ($(share "storm-$warmup-bridge" "storm-$warmup-ceiling") of the ceiling," \
        "$(share "storm-$warmup-bridge" "storm-$warmup-floor") of the floor)."
    fi
  done
  if [ -n "${summary[flood-bridge]:-}" ] && [ -n "${summary[flood-floor]:-}" ] && [ -n "${summary[flood-ceiling]:-}" ]; then
    echo
    echo "Forged flood: ceiling ${summary[flood-ceiling]} req/s; floor ${summary[flood-floor]} ($(share flood-floor flood-ceiling));" \
      "bridge ${summary[flood-bridge]} ($(share flood-bridge flood-ceiling) of the ceiling)."
  fi
} > "$results"
echo "bench: wrote $results"
