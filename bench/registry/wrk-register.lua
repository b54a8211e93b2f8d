-- wrk script: every request registers a new version of one of the models warm-0 .. warm-<models-1>,
-- with the same body shape as RegistrationLoad.java. Arguments after "--": <token> [models].
-- Prints the number of 201 answers and of any other status, so failures cannot pass as throughput.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  token = args[1]
  models = tonumber(args[2] or "8")
  counter = 0
  created = 0
  other = 0
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"artifactUri":"s3://models/bench/%d","format":{"name":"sklearn","version":"1"},'
    .. '"metrics":{"auc":0.9%d,"f1":0.7},"params":{"max_depth":"6","seed":"%d"},'
    .. '"datasets":[{"name":"bench-events","version":1}],"featureSet":{"name":"bench-features","version":1},'
    .. '"thresholdSet":{"name":"bench-thresholds","version":1},'
    .. '"explanationTemplate":{"name":"bench-reasons","version":1}}',
    counter, counter % 10, counter)
  return wrk.format("POST", "/api/v1/models/warm-" .. (counter % models) .. "/versions",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local ok, failed = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("created")
    failed = failed + thread:get("other")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "wrk: %d registrations answered 201 (%d other) in %.1f s = %.0f/s; latency p50 %.1f ms, p90 %.1f ms, "
    .. "p99 %.1f ms, max %.1f ms\n", ok, failed, seconds, ok / seconds, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
