-- POST /api/v1/domains with a name no other request uses: RUN_TAG (one per wrk run),
-- the wrk thread and a counter. The owner is a random seeded user.
-- Environment: TOKEN (sent as "Authorization: Bearer"), RUN_TAG ([a-z0-9]+), OWNER_MIN, OWNER_MAX.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.headers["Content-Type"] = "application/json"
local run_tag = os.getenv("RUN_TAG")
local owner_min = tonumber(os.getenv("OWNER_MIN"))
local owner_max = tonumber(os.getenv("OWNER_MAX"))

-- setup() runs once per thread in the main Lua state; each thread gets its own number.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local counter = 0
function request()
  counter = counter + 1
  local body = string.format(
    '{"name":"%s-t%d-%d.example","registrar":"Bench Registrar","expiresAt":"2030-06-30","ownerId":%d,"notes":"load test"}',
    run_tag, thread_number, counter, math.random(owner_min, owner_max))
  return wrk.format("POST", "/api/v1/domains", nil, body)
end
