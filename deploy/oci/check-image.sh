#!/usr/bin/env bash
# Runs the OCI image without a container engine: unpacks its layers, then starts its own entrypoint,
# as its own user, in a chroot on loopback; passes when /health answers, the bridge's classes came from the
# image's AOT cache, a signed delivery is taken, and `test` (the entrypoint's argument) passes examples/tests.
#   deploy/oci/check-image.sh [IMAGE_TAR]   (default target/sentry-github-bridge-image.tar; needs root)
set -euo pipefail

image=${1:-target/sentry-github-bridge-image.tar}
here=$(cd "$(dirname "$0")" && pwd)
[ -f "$image" ] || { echo "no image at $image (build it with ./mvnw -Poci package)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "needs root (chroot and mount)" >&2; exit 2; }

work=$(mktemp -d)
root=$work/root
pid=
cleanup() {
  local status=$?
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  if mountpoint -q "$root/proc"; then umount "$root/proc"; fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

mkdir -p "$work/image" "$root"
tar -xf "$image" -C "$work/image"
# layers in manifest order, as a container engine would stack them
python3 - "$work/image" "$root" <<'PY'
import json, sys, tarfile, os
image, root = sys.argv[1], sys.argv[2]
manifest = json.load(open(os.path.join(image, "manifest.json")))[0]
for layer in manifest["Layers"]:
    with tarfile.open(os.path.join(image, layer)) as t:
        t.extractall(root)
config = json.load(open(os.path.join(image, manifest["Config"])))["config"]
with open(os.path.join(image, "run.env"), "w") as f:
    f.write("\n".join(config.get("Env", [])) + "\n")
with open(os.path.join(image, "entrypoint"), "w") as f:
    f.write("\n".join(config["Entrypoint"]) + "\n")
with open(os.path.join(image, "user"), "w") as f:
    f.write(config.get("User", "0:0"))
PY
user=$(cat "$work/image/user")
mapfile -t entrypoint < "$work/image/entrypoint"
mapfile -t image_env < "$work/image/run.env"
echo "image: user $user, entrypoint ${entrypoint[*]}"
if [ "${user%%:*}" = 0 ]; then
  echo "the image runs as root" >&2
  exit 1
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mount -t proc proc "$root/proc"
# the launcher adds JDK_JAVA_OPTIONS to the entrypoint's options: where each class came from
env -i "${image_env[@]}" SERVER_PORT="$port" MANAGEMENT_SERVER_PORT="$mport" SENTRY_WEBHOOK_SECRET=image-check \
  JDK_JAVA_OPTIONS="-Xlog:class+load=info:file=/tmp/class-load.log" \
  "$(command -v chroot)" --userspec="$user" "$root" "${entrypoint[@]}" > "$work/bridge.log" 2>&1 &
pid=$!

for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"UP"' && break
  kill -0 "$pid" 2>/dev/null || { tail -20 "$work/bridge.log" >&2; echo "the image exited" >&2; exit 1; }
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/health" | grep -q '"UP"' || { tail -20 "$work/bridge.log" >&2; echo "no /health" >&2; exit 1; }
echo "image: /health is UP"
for class in io.github.sentrygithubbridge.BridgeApplication org.apache.camel.impl.DefaultCamelContext; do
  grep -q " $class source: shared objects file" "$root/tmp/class-load.log" \
    || { grep -m3 "$class" "$root/tmp/class-load.log" >&2; echo "$class was not loaded from the image's AOT cache" >&2; exit 1; }
done
echo "image: started from its AOT cache"

answer=$(SENTRY_WEBHOOK_SECRET=image-check BRIDGE_URL="http://127.0.0.1:$port" "$here/../../scripts/send-sample.sh")
echo "$answer" | grep -q 'HTTP 202' || { echo "$answer" >&2; echo "the delivery was not accepted" >&2; exit 1; }
for _ in $(seq 1 20); do
  ls "$root"/data/dry-run/*.md >/dev/null 2>&1 && break
  sleep 0.5
done
ls "$root"/data/dry-run/*.md >/dev/null 2>&1 || { tail -20 "$work/bridge.log" >&2; echo "no dry-run issue in /data" >&2; exit 1; }
echo "image: a signed delivery became a dry-run issue in /data"

# an engineer's CI runs the image with `test` and a mounted config directory: here, examples/ copied in
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
pid=
cp -r "$here/../../examples" "$root/tmp/examples"
chmod -R a+rX "$root/tmp/examples"
if ! env -i "${image_env[@]}" "$(command -v chroot)" --userspec="$user" "$root" "${entrypoint[@]}" test /tmp/examples/tests \
    > "$work/test.log" 2>&1; then
  cat "$work/test.log" >&2; echo "test on examples/tests did not pass in the image" >&2; exit 1
fi
grep -q ' passed, 0 failed$' "$work/test.log" || { cat "$work/test.log" >&2; echo "no summary from test" >&2; exit 1; }
echo "image: test passes examples/tests ($(grep ' passed, ' "$work/test.log"))"
