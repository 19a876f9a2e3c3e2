package io.domaindesk.perf;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitBlockOnFail;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * N people using the inventory for a while: each signs in, then, with a pause to think
 * between actions, browses pages, searches, looks at what expires within 30 days, and
 * sometimes creates a domain, edits it (If-Match with the ETag it got) and deletes it again,
 * so a run leaves the inventory as it found it. Every virtual user signs in with the
 * account given, which must be allowed to write domains.
 * <p>
 * System properties: base.url (the API root, e.g. http://localhost/api/v1), admin.email,
 * admin.password (required); users (10), duration (seconds each user stays, 60), ramp
 * (seconds over which users arrive, 10), think.min.ms / think.max.ms (1000 / 3000),
 * p95.ms (500), p99.ms (1000), max.error.percent (1).
 */
public class InventoryUsersSimulation extends Simulation {

    private static final String BASE_URL = required("base.url");
    private static final String EMAIL = required("admin.email");
    private static final String PASSWORD = required("admin.password");
    private static final int USERS = Integer.getInteger("users", 10);
    private static final Duration DURATION = Duration.ofSeconds(Integer.getInteger("duration", 60));
    private static final Duration RAMP = Duration.ofSeconds(Integer.getInteger("ramp", 10));
    private static final Duration THINK_MIN = Duration.ofMillis(Integer.getInteger("think.min.ms", 1000));
    private static final Duration THINK_MAX = Duration.ofMillis(Integer.getInteger("think.max.ms", 3000));
    private static final int P95_MS = Integer.getInteger("p95.ms", 500);
    private static final int P99_MS = Integer.getInteger("p99.ms", 1000);
    private static final double MAX_ERROR_PERCENT = Double.parseDouble(System.getProperty("max.error.percent", "1"));

    /** Words that match something in most inventories: top-level domains and registrars. */
    private static final List<String> SEARCHES = List.of("com", "net", "org", "gandi", "ovh", "renew");

    /** Tokens live 15 minutes by default: sign in again after 10. */
    private static final long TOKEN_REFRESH_MS = Duration.ofMinutes(10).toMillis();

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .userAgentHeader("domaindesk-gatling");

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Set -D" + name + " (see perf/README.md).");
        }
        return value;
    }

    private final ChainBuilder signIn = exec(session -> session
            .set("email", EMAIL).set("password", PASSWORD).set("signedInAt", System.currentTimeMillis()))
            .exec(http("sign in").post("/auth/token")
                    .body(StringBody("{\"email\":\"#{email}\",\"password\":\"#{password}\"}"))
                    .check(status().is(200), jsonPath("$.accessToken").saveAs("token")))
            .exec(http("who am I").get("/users/me").header("Authorization", "Bearer #{token}")
                    .check(status().is(200), jsonPath("$.id").saveAs("ownerId")));

    private final ChainBuilder browse = exec(http("first page").get("/domains?page=0&size=20")
            .header("Authorization", "Bearer #{token}")
            .check(status().is(200), jsonPath("$.page.totalPages").ofInt().saveAs("pages")))
            .exec(session -> session.set("page", ThreadLocalRandom.current().nextInt(Math.max(1, session.getInt("pages")))))
            .exec(http("another page").get("/domains?page=#{page}&size=20")
                    .header("Authorization", "Bearer #{token}").check(status().is(200)));

    private final ChainBuilder search = exec(session -> session
            .set("q", SEARCHES.get(ThreadLocalRandom.current().nextInt(SEARCHES.size()))))
            .exec(http("search").get("/domains?q=#{q}&size=20")
                    .header("Authorization", "Bearer #{token}").check(status().is(200)));

    private final ChainBuilder expiring = exec(http("expiring within 30 days")
            .get("/domains?expiringWithinDays=30&sort=expiresAt&size=20")
            .header("Authorization", "Bearer #{token}").check(status().is(200)));

    private final ChainBuilder createEditDelete = exec(session -> session
            .set("name", "load-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16) + ".example"))
            .exec(http("create").post("/domains")
                    .header("Authorization", "Bearer #{token}")
                    .body(StringBody("{\"name\":\"#{name}\",\"registrar\":\"Load Test\",\"expiresAt\":\"2030-06-30\","
                            + "\"ownerId\":#{ownerId},\"notes\":\"created by the load scenario\"}"))
                    .check(status().is(201), jsonPath("$.id").saveAs("domainId"), header("ETag").saveAs("etag")))
            .exec(http("read one").get("/domains/#{domainId}")
                    .header("Authorization", "Bearer #{token}").check(status().is(200)))
            .exec(http("edit").patch("/domains/#{domainId}")
                    .header("Authorization", "Bearer #{token}").header("If-Match", "#{etag}")
                    .body(StringBody("{\"notes\":\"edited by the load scenario\"}"))
                    .check(status().is(200)))
            .exec(http("delete").delete("/domains/#{domainId}")
                    .header("Authorization", "Bearer #{token}").check(status().is(204)));

    // A user whose sign-in failed leaves (its failure counted once); an action whose first
    // request failed stops there, instead of sending its next requests without the id,
    // page or token they need.
    private final ScenarioBuilder inventoryUser = scenario("inventory user")
            .exec(signIn)
            .exitHereIfFailed()
            .during(DURATION).on(
                    doIf(session -> System.currentTimeMillis() - session.getLong("signedInAt") > TOKEN_REFRESH_MS)
                            .then(exec(signIn).exitHereIfFailed()),
                    exitBlockOnFail().on(randomSwitch().on(
                            percent(40.0).then(browse),
                            percent(25.0).then(search),
                            percent(20.0).then(expiring),
                            percent(15.0).then(createEditDelete))),
                    pause(THINK_MIN, THINK_MAX));

    {
        setUp(inventoryUser.injectOpen(rampUsers(USERS).during(RAMP)))
                .protocols(protocol)
                // A hung server must not hang the run.
                .maxDuration(RAMP.plus(DURATION).plusMinutes(2))
                .assertions(
                        global().failedRequests().percent().lt(MAX_ERROR_PERCENT),
                        global().responseTime().percentile(95.0).lt(P95_MS),
                        global().responseTime().percentile(99.0).lt(P99_MS));
    }
}
