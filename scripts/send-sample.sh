#!/usr/bin/env bash
# Signs a Sentry delivery the way Sentry does and posts it to a running bridge.
#   scripts/send-sample.sh [FILE] [RESOURCE]
# FILE defaults to the bundled event alert; RESOURCE (Sentry-Hook-Resource) to event_alert.
# SENTRY_WEBHOOK_SECRET must match the bridge's (default dev-secret, as in the README's quick start);
# BRIDGE_URL defaults to http://127.0.0.1:${SERVER_PORT:-8080}.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
file=${1:-"$here/../samples/event_alert_triggered.json"}
resource=${2:-event_alert}
secret=${SENTRY_WEBHOOK_SECRET:-dev-secret}
url=${BRIDGE_URL:-http://127.0.0.1:${SERVER_PORT:-8080}}/webhooks/sentry

[ -f "$file" ] || { echo "no such file: $file" >&2; exit 2; }
command -v openssl >/dev/null || { echo "openssl is needed to sign the delivery" >&2; exit 2; }

# the signature covers the exact bytes sent, so sign the file and send the file
signature=$(openssl dgst -sha256 -hmac "$secret" -hex < "$file" | sed 's/^.*= //')

curl --silent --show-error --write-out '\nHTTP %{http_code}\n' \
  -X POST "$url" \
  -H 'Content-Type: application/json' \
  -H "Request-ID: $(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')" \
  -H "Sentry-Hook-Resource: $resource" \
  -H "Sentry-Hook-Timestamp: $(date +%s)" \
  -H "Sentry-Hook-Signature: $signature" \
  --data-binary "@$file"
