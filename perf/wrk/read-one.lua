-- GET /api/v1/domains/{id} for a random id of the seeded domains.
-- Environment: TOKEN (sent as "Authorization: Bearer"), ID_MIN, ID_MAX.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
local id_min = tonumber(os.getenv("ID_MIN"))
local id_max = tonumber(os.getenv("ID_MAX"))

function request()
  return wrk.format("GET", "/api/v1/domains/" .. math.random(id_min, id_max))
end
