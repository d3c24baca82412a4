-- wrk script for benches/run.sh: counts responses by status and prints one RESULT line.
--
-- Arguments after `--`: MODE [TAG]. MODE `create` sends POST /api/vending/create-session with
-- machine ids that change every 6 requests, so each machine gets its 5 allowed sessions and then
-- one 429. TAG keeps the machine ids of different runs apart. Any other MODE repeats the GET of
-- the URL given to wrk.

local requests_per_machine = 6
local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
  table.insert(threads, thread)
end

function init(args)
  mode = args[1] or "get"
  tag = args[2] or "run"
  sent = 0
  succeeded = 0
  limited = 0
  failed = 0
  get_request = wrk.format()
end

function request()
  if mode ~= "create" then
    return get_request
  end
  local machine_id = string.format(
    "LOAD%s-%d-%d", tag, thread_number, math.floor(sent / requests_per_machine))
  sent = sent + 1
  return wrk.format(
    "POST",
    "/api/vending/create-session",
    { ["Content-Type"] = "application/json" },
    string.format('{"machine_id": "%s"}', machine_id))
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    succeeded = succeeded + 1
  elseif status == 429 then
    limited = limited + 1
  else
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local totals = { succeeded = 0, limited = 0, failed = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + thread:get(name)
    end
  end
  local errors = summary.errors
  local socket_errors = errors.connect + errors.read + errors.write + errors.timeout
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%.0f p99_us=%.0f succeeded=%d limited=%d failed=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    totals.succeeded, totals.limited, totals.failed, socket_errors))
end
