-- GET /api/v1/domains?page=N&size=20 for a random page of the seeded domains (sorted by
-- name, owners and the total count included).
-- Environment: TOKEN (sent as "Authorization: Bearer"), PAGES (how many pages of 20 exist).
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
local pages = tonumber(os.getenv("PAGES"))

function request()
  return wrk.format("GET", "/api/v1/domains?page=" .. math.random(0, pages - 1) .. "&size=20")
end
