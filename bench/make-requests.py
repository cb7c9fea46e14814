#!/usr/bin/env python3
"""Writes signed Sentry deliveries as a Lua table for wrk: make-requests.py FIXTURE ISSUES SECRET OUT [--forged] [--first=N]

Each delivery is the fixture re-pointed at one of ISSUES Sentry issues, in compact JSON (as Sentry sends
it), with its HMAC-SHA256 signature; --forged signs with another secret; --first numbers the issues from N
(another set of Sentry issues, e.g. for a warm-up)."""
import hashlib, hmac, json, sys

fixture, issues, secret, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
forged = "--forged" in sys.argv[5:]
first = next((int(a.split("=", 1)[1]) for a in sys.argv[5:] if a.startswith("--first=")), 0)
base = json.load(open(fixture))
with open(out, "w") as lua:
    lua.write("return {\n")
    for i in range(issues):
        issue = str(800000000 + first + i)
        event = base["data"]["event"]
        event["issue_id"] = issue
        event["issue_url"] = "https://sentry.io/api/0/issues/%s/" % issue
        event["web_url"] = "https://sentry.io/organizations/acme/issues/%s/events/%s/" % (issue, event["event_id"])
        event["environment"] = "production"
        body = json.dumps(base, separators=(",", ":"), ensure_ascii=True)
        key = ("not-" + secret) if forged else secret
        sig = hmac.new(key.encode(), body.encode(), hashlib.sha256).hexdigest()
        lua.write("{body=[==[%s]==], sig=\"%s\"},\n" % (body, sig))
    lua.write("}\n")
