-- wrk script of benchmarks/run-monitors.sh: spreads requests over the first N lines of LIST
-- (ping paths or monitor slugs). MODE: get | post (a 10 KB body) | startend (/start, then the end,
-- per monitor) | envelope (a Sentry check_in item) | event (a plain Sentry event). PROJECT and KEY:
-- the project's id and public key (envelope, event).
local mode = os.getenv("MODE")
local n = tonumber(os.getenv("N"))
local list = {}
for line in io.lines(os.getenv("LIST")) do
  list[#list + 1] = line
  if #list == n then break end
end
local body10k = string.rep("0123456789abcdef", 640)
local auth = "Sentry sentry_version=7, sentry_client=bugmaster-monitors-bench/1.0, sentry_key=" .. (os.getenv("KEY") or "")
local envelopePath = "/api/" .. (os.getenv("PROJECT") or "") .. "/envelope/"
local i = 0

local function hex32()
  return string.format("%08x%08x%08x%08x", math.random(0, 0x7fffffff), math.random(0, 0x7fffffff),
    math.random(0, 0x7fffffff), math.random(0, 0x7fffffff))
end

request = function()
  i = i + 1
  if mode == "get" then
    return wrk.format("GET", list[(i % #list) + 1])
  elseif mode == "post" then
    return wrk.format("POST", list[(i % #list) + 1], {["Content-Type"] = "text/plain"}, body10k)
  elseif mode == "startend" then
    local p = list[(math.floor(i / 2) % #list) + 1]
    return wrk.format("GET", i % 2 == 0 and (p .. "/start") or p)
  elseif mode == "envelope" then
    local body = '{"event_id":"' .. hex32() .. '"}\n{"type":"check_in"}\n{"check_in_id":"' .. hex32() ..
      '","monitor_slug":"' .. list[(i % #list) + 1] .. '","status":"ok","duration":1.5}\n'
    return wrk.format("POST", envelopePath, {["Content-Type"] = "application/x-sentry-envelope", ["X-Sentry-Auth"] = auth}, body)
  else
    local id = hex32()
    local body = '{"event_id":"' .. id .. '"}\n{"type":"event"}\n{"event_id":"' .. id ..
      '","platform":"python","level":"error","message":"monitors bench ' .. (i % 50) .. '"}\n'
    return wrk.format("POST", envelopePath, {["Content-Type"] = "application/x-sentry-envelope", ["X-Sentry-Auth"] = auth}, body)
  end
end
