-- wrk script: posts the pre-signed deliveries of BENCH_REQUESTS in turn, for wrk's -d;
-- BENCH_DELAY_MS pauses each connection between requests (steady load).
local data = dofile(os.getenv("BENCH_REQUESTS"))
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local threads = {}
local counter = 0

function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  local r = data[(counter % #data) + 1]
  return wrk.format("POST", "/webhooks/sentry", {
    ["Content-Type"] = "application/json",
    ["Sentry-Hook-Resource"] = "event_alert",
    ["Sentry-Hook-Signature"] = r.sig,
    ["Sentry-Hook-Timestamp"] = tostring(os.time()),
  }, r.body)
end

function delay()
  return pause
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d non2xx=%d socket_errors=%d p50_us=%d p99_us=%d p999_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
end
