package io.domaindesk.back.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import io.domaindesk.back.ApiTest;
import io.domaindesk.back.web.RawHttp.Request;
import io.domaindesk.back.web.RawHttp.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.TestPropertySource;

/**
 * Thousands of malformed requests, generated from the served OpenAPI document, sent over
 * raw sockets to the running back on the real database with an admin token. Every answer
 * must be below 500, every error a problem (RFC 9457) with a detail, no body may show a
 * stack trace or a Java class name, and none may take 2 s or more.
 *
 * <p>
 * Reproduce a run with {@code -Dfuzz.seed=<seed>} (printed); {@code -Dfuzz.requests=N}
 * changes the count. Its wrong passwords spend a sign-in budget of their own (the limits
 * are part of a budget's key), not the one the other test classes share on this address.
 */
@TestPropertySource(properties = "domaindesk.sign-in.address-failures=1000000")
class ApiFuzzTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration SLOW = Duration.ofSeconds(2);

    /** What a stack trace or an implementation class name looks like in a body. */
    private static final Pattern LEAK = Pattern.compile(
            "Exception|\\tat |\\.java:\\d|\\b(java|javax|jakarta|org|tools|com|io)\\.[a-z]+\\.[a-z]|[a-z][A-Za-z]*\\$[A-Z]"
                    + "|StreamReadConstraints|JsonToken|\\bnested exception");

    /**
     * Values at the edges: numbers, encodings (percent-escapes as sent on the wire,
     * including a lone UTF-16 surrogate and overlong UTF-8), sizes, and text that means
     * something to SQL, shells or the firewall.
     */
    private static final List<String> QUERY_VALUES = List.of("", "0", "-1", "1", "2147483647", "2147483648",
            "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e309", "NaN", "0x10",
            "%2310", "%2B5", "1%202", "%EF%BC%91", "1.5", "-0", "00000000000000000000000001", "%ED%A0%80", "%ED%BF%BF",
            "%C0%80", "%FF", "%", "%4", "%G1", "%00", "%0A", "%F0%9F%98%80", "%E2%80%AE", "%E2%80%8B",
            "'%20OR%201%3D1%20--", "%25_%5C", "a%2Fb", "..%2F..", "name,desc", "name,sideways", "password",
            "passwordHash,asc", "owner.email", ",", "name;drop", "%3Cscript%3E", "true", "null", "[]", "{}");

    // Never a plain 1, the seeded administrator whom the other test classes sign in
    // as; the back refuses "+1", a fullwidth 1 and "1;a=b" as ids (400). Real rows
    // come from OwnRows.
    private static final List<String> PATH_IDS = List.of("0", "-1", "0x10", "%2310", "%2B1", "1.0", "1e3",
            "9223372036854775807", "9223372036854775808", "99999999999999999999", "abc", "%20", "%ED%A0%80", "%FF", "%",
            "%2F", "%2E%2E", "..", ".", ";", "1;a=b", "%3B", "%EF%BC%91", "me", "", "1/extra", "1%00", "%E2%80%AE1");

    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json;charset=UTF-8",
            "application/json;charset=ISO-8859-1", "application/json;charset=UTF-16", "application/json;charset=bogus",
            "application/json; charset=\"", "application/merge-patch+json", "application/problem+json", "text/plain",
            "text/html", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b",
            "multipart/form-data", "multipart/mixed; boundary=x", "*/*", "application/*", "a/b/c", ";", "json",
            "application/json;q=abc", "application/octet-stream");

    private static final List<String> ACCEPTS = List.of("*/*", "application/json", "application/problem+json",
            "text/html", "application/xml", "image/png", "x/y;q=abc", "application/json;q=0", ";;;", "*/*;q=0",
            "text/*", "application/yaml", "application/*+json;q=0.5, */*;q=0.1");

    private static final List<String> METHODS = List.of("GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS",
            "TRACE", "PROPFIND", "FOO", "get", "CONNECT");

    private static final List<String> IF_MATCH = List.of("*", "\"0\"", "\"1\"", "W/\"0\"", "\"", "xyz", "\"-1\"",
            "\"99999999999999999999\"", "\"0\", \"1\", W/\"2\"", "\"\u00e9\"", ",,,", "\"" + "9".repeat(2000) + "\"");

    /** Strings for JSON fields, as JSON text: escapes Jackson decodes to odd UTF-16. */
    private static final List<String> JSON_STRINGS = List.of("\"\"", "\" \"", "\"\\ud800\"", "\"\\udc00\\ud800\"",
            "\"\\u0000\"", "\"\\n\\t\"", "\"\u00e9\u4e2d\ud83d\ude00\"", "\"\u202eevil\"", "\"a@b\"", "\"%s\"",
            "\"' OR 1=1 --\"", "\"%_\\\\\"", "\"-0001-01-01\"", "\"+10000-01-01\"", "\"0000-01-01\"", "\"9999-12-31\"",
            "\"2030-02-30\"", "\"2030-1-1\"", "\"2030-01-01T00:00:00Z\"", "\"20300101\"", "\"ADMIN\"", "\"KING\"",
            "\"x.example.com\"", "\"-.com\"", "\"xn--\"", "\"a..b\"");

    private static final List<String> JSON_NUMBERS = List.of("0", "-1", "1", "1.5", "-0", "1e309", "-1e309",
            "2147483648", "9223372036854775807", "9223372036854775808", "99999999999999999999999",
            "1" + "0".repeat(1100), "0x10", "NaN", "Infinity", "01", "20000", "-719528");

    private static final List<String> JSON_OTHERS = List.of("null", "true", "false", "[]", "{}", "[null]",
            "[\"ADMIN\",\"ADMIN\"]", "[1]", "{\"a\":1}", "[" + "\"x\",".repeat(500) + "\"x\"]");

    private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();

    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    private final AtomicLong slowestNanos = new AtomicLong();

    record Operation(String method, String path, List<Param> params, Map<String, String> body) {
    }

    record Param(String name, String in, String type) {
    }

    /**
     * The fuzz's own domain and user. A path under /users gets the user's id, any other
     * the domain's: a domain id in a user path would name another test's user, or the
     * seeded administrator, whose e-mail or password a PATCH could change.
     */
    record OwnRows(long domainId, long userId) {

        /** The id as written, with a leading zero, or with a plus sign (refused). */
        String idFor(Random random, String path) {
            String id = Long.toString(path.startsWith("/api/v1/users") ? userId : domainId);
            return pick(random, List.of(id, id, "0" + id, "%2B" + id));
        }

    }

    @Test
    void malformedRequestsAreAnsweredWithProblemsFastAndNeverWith5xx() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        int count = Integer.getInteger("fuzz.requests", 3000);
        RawHttp raw = new RawHttp(port);
        String bearer = bearer(adminToken());
        List<Operation> operations = operations(raw.send(Request.of("GET", "/api/v1/openapi.json", Map.of(), null)));
        assertThat(operations).as("operations of the OpenAPI document").hasSizeGreaterThanOrEqualTo(10);
        // Rows the fuzz may change or delete: its own, never another test's.
        OwnRows own = new OwnRows(newDomain(uniqueDomain(), "2031-01-01"), newUser("DOMAIN_READ").id());

        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Random random = new Random(seed + i);
            sent.add(pool.submit(() -> check(raw, generate(random, operations, own, bearer))));
        }
        for (Future<?> done : sent) {
            done.get();
        }
        pool.shutdown();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        System.out.printf("API fuzz: %d requests in %d ms (seed %d), %d operations, slowest %d ms, statuses %s%n",
                count, took.toMillis(), seed, operations.size(), Duration.ofNanos(slowestNanos.get()).toMillis(),
                new TreeMap<>(statuses));
        assertThat(statuses.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(count);
        assertThat(failures).as("requests answered wrongly (seed %d)", seed).isEmpty();
        assertThat(raw.send(Request.of("GET", "/api/v1/users/me", Map.of("Authorization", bearer), null)).status())
            .as("the seeded administrator's token, which a change to that account would revoke")
            .isEqualTo(200);
    }

    /** The operations of the served document, with their parameters and body fields. */
    private static List<Operation> operations(Response document) {
        assertThat(document.status()).isEqualTo(200);
        JsonNode root = JSON.readTree(document.body());
        JsonNode schemas = root.path("components").path("schemas");
        List<Operation> operations = new ArrayList<>();
        for (var path : root.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                List<Param> params = new ArrayList<>();
                for (JsonNode param : operation.getValue().path("parameters")) {
                    JsonNode schema = param.path("schema");
                    if (schema.has("$ref")) {
                        // An object in the query (Spring Data's pageable): its
                        // properties.
                        resolve(schemas, schema).path("properties")
                            .properties()
                            .forEach(p -> params
                                .add(new Param(p.getKey(), "query", p.getValue().path("type").asString())));
                    }
                    else {
                        params.add(new Param(param.path("name").asString(), param.path("in").asString(),
                                schema.path("type").asString()));
                    }
                }
                Map<String, String> body = new LinkedHashMap<>();
                JsonNode bodySchema = resolve(schemas,
                        operation.getValue()
                            .path("requestBody")
                            .path("content")
                            .path("application/json")
                            .path("schema"));
                bodySchema.path("properties")
                    .properties()
                    .forEach(p -> body.put(p.getKey(),
                            p.getValue().path("format").asString(p.getValue().path("type").asString())));
                operations.add(new Operation(operation.getKey().toUpperCase(), path.getKey(), params, body));
            }
        }
        return operations;
    }

    private static JsonNode resolve(JsonNode schemas, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.isEmpty() ? schema : schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    /**
     * One request for a random operation: its method or another, a path id and query
     * values from the edge lists, a body built from its schema then broken, and headers
     * that are missing, odd or malformed. Each part is valid often enough to reach the
     * code behind it.
     */
    private static Request generate(Random random, List<Operation> operations, OwnRows own, String bearer) {
        Operation operation = pick(random, operations);
        String method = random.nextInt(10) < 8 ? operation.method() : pick(random, METHODS);
        String id = random.nextBoolean() ? own.idFor(random, operation.path()) : pick(random, PATH_IDS);
        String path = operation.path().replace("{id}", id);
        if (random.nextInt(20) == 0) {
            path = pick(random, List.of(path + "/", path + "//x", "/api/v1//domains", "/api/v1/%2e%2e/users",
                    "/api/v1/domains;jsessionid=1", path + "/%00", "/api/v1/" + "d".repeat(3000), "/api/v1/%C3%A9",
                    "/api/v1/domains\\..\\users", "/error", "/api/v2/domains", "/api/v1/domains?%", "/"));
        }
        StringBuilder query = new StringBuilder();
        for (Param param : operation.params()) {
            if (param.in().equals("query") && random.nextInt(3) > 0) {
                query.append(query.isEmpty() ? "?" : "&")
                    .append(param.name())
                    .append('=')
                    .append(pick(random, QUERY_VALUES));
            }
        }
        switch (random.nextInt(12)) {
            case 0 ->
                query.append(query.isEmpty() ? "?" : "&").append("q=").append("%E2%82%AC".repeat(random.nextInt(2000)));
            case 1 -> query.append(query.isEmpty() ? "?" : "&").append(pick(random, QUERY_VALUES)).append("=1");
            case 2 -> query.append(query.isEmpty() ? "?" : "&").append("size=").append(pick(random, QUERY_VALUES));
            default -> {
            }
        }

        Map<String, String> headers = new LinkedHashMap<>();
        int auth = random.nextInt(20);
        if (auth > 2) {
            headers.put("Authorization", bearer);
        }
        else if (auth > 0) {
            headers.put("Authorization", pick(random, List.of("Bearer", "Bearer x.y.z", "Basic YTpi",
                    "bearer " + bearer, "Bearer " + "a".repeat(5000), "Bearer \u00e9")));
        }
        if (random.nextInt(4) == 0) {
            headers.put("Accept", pick(random, ACCEPTS));
        }
        if (operation.params().stream().anyMatch(p -> p.in().equals("header")) && random.nextBoolean()) {
            headers.put("If-Match", pick(random, IF_MATCH));
        }
        if (random.nextInt(40) == 0) {
            headers.put(pick(random, List.of("X-Long", "Cookie", "Referer")), "v".repeat(random.nextInt(9000)));
        }

        byte[] body = null;
        if (!operation.body().isEmpty() || random.nextInt(10) == 0) {
            String contentType = random.nextInt(3) > 0 ? "application/json" : pick(random, CONTENT_TYPES);
            if (random.nextInt(15) > 0) {
                headers.put("Content-Type", contentType);
            }
            body = body(random, operation.body(), contentType);
        }
        return new Request(method, (path + query).getBytes(StandardCharsets.ISO_8859_1), headers, body);
    }

    /** A body for the schema's fields, then broken in one of several ways. */
    private static byte[] body(Random random, Map<String, String> fields, String contentType) {
        if (contentType.startsWith("multipart")) {
            return pick(random, List.of("--b\r\n\r\n--b--",
                    "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--b--\r\n", "--b", "", "garbage"))
                .getBytes(StandardCharsets.UTF_8);
        }
        if (contentType.startsWith("application/x-www-form")) {
            return pick(random, List.of("name=x", "%", "a=%ED%A0%80", "=&=", "a=" + "b".repeat(3000)))
                .getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder json = new StringBuilder("{");
        for (var field : fields.entrySet()) {
            if (random.nextInt(4) == 0) {
                continue;
            }
            json.append(json.length() > 1 ? "," : "").append('"').append(field.getKey()).append("\":");
            json.append(random.nextInt(3) == 0 ? plausible(random, field.getValue()) : anyValue(random));
        }
        if (random.nextInt(8) == 0) {
            json.append(json.length() > 1 ? "," : "").append("\"unknownField\":1");
        }
        json.append('}');
        String text = json.toString();
        switch (random.nextInt(14)) {
            case 0 -> text = text.substring(0, random.nextInt(text.length()));
            case 1 -> text = "[".repeat(random.nextInt(3000)) + text;
            case 2 -> text = "{\"a\":".repeat(random.nextInt(3000)) + "1" + "}".repeat(3);
            case 3 -> text = pick(random, List.of("", "null", "[]", "\"x\"", "1", "{,}", "{\"a\" 1}", "\ufeff{}",
                    "{} {}", "{\"a\":1,}", "/* c */ {}", "{'a':1}"));
            case 4 -> {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                byte[] broken = new byte[bytes.length + 4];
                System.arraycopy(bytes, 0, broken, 0, bytes.length);
                // Not UTF-8: a lone continuation byte, an overlong NUL, an encoded
                // surrogate.
                System.arraycopy(new byte[] { (byte) 0x80, (byte) 0xC0, (byte) 0x80, (byte) 0xED }, 0, broken,
                        Math.max(1, bytes.length - 1) - 1, 4);
                return broken;
            }
            case 5 -> text = "{\"notes\":\"" + "x".repeat(random.nextInt(1_100_000)) + "\"}";
            default -> {
            }
        }
        return text.getBytes(contentType.contains("UTF-16") ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8);
    }

    /** A valid-looking value of the field's type or format, as JSON text. */
    private static String plausible(Random random, String typeOrFormat) {
        return switch (typeOrFormat) {
            case "date" ->
                "\"20" + (30 + random.nextInt(60)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(9) + "\"";
            case "int64", "int32", "integer" -> Integer.toString(random.nextInt(5));
            case "email" -> "\"fuzz" + random.nextInt(1_000_000) + "@domaindesk.test\"";
            case "array" -> "[\"DOMAIN_READ\"]";
            default -> "\"fuzz" + random.nextInt(1_000_000) + ".example.com\"";
        };
    }

    private static String anyValue(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> pick(random, JSON_STRINGS);
            case 1 -> pick(random, JSON_NUMBERS);
            case 2 -> pick(random, JSON_OTHERS);
            default -> "\"" + "\u00e9".repeat(random.nextInt(3000)) + "\"";
        };
    }

    private void check(RawHttp raw, Request request) {
        Response answer;
        try {
            answer = raw.send(request);
        }
        catch (RuntimeException e) {
            record(request, "no answer: " + e.getMessage());
            statuses.computeIfAbsent("none", s -> new AtomicInteger()).incrementAndGet();
            return;
        }
        statuses.computeIfAbsent(Integer.toString(answer.status()), s -> new AtomicInteger()).incrementAndGet();
        slowestNanos.accumulateAndGet(answer.took().toNanos(), Math::max);
        if (answer.status() >= 500) {
            record(request, answer.status() + " " + answer.body());
        }
        if (answer.took().compareTo(SLOW) >= 0) {
            record(request, "took " + answer.took().toMillis() + " ms");
        }
        if (LEAK.matcher(answer.body()).find()) {
            record(request, "leaks the implementation: " + answer.body());
        }
        if (answer.status() >= 400) {
            if (!answer.contentType().startsWith("application/problem+json")) {
                record(request, answer.status() + " as " + answer.contentType() + ": " + answer.body());
            }
            else if (!request.method().equals("HEAD")) {
                checkProblem(request, answer);
            }
        }
    }

    private void checkProblem(Request request, Response answer) {
        try {
            JsonNode problem = JSON.readTree(answer.body());
            if (problem.path("status").asInt() != answer.status() || problem.path("title").asString("").isBlank()
                    || problem.path("detail").asString("").isBlank()
                    || !problem.path("type").asString("").startsWith("urn:problem-type:domaindesk:")) {
                record(request, "not a complete problem: " + answer.body());
            }
        }
        catch (RuntimeException notJson) {
            record(request, answer.status() + " body is not JSON: " + answer.body());
        }
    }

    private void record(Request request, String what) {
        String target = request.targetText();
        failures.add(request.method() + " " + target.substring(0, Math.min(200, target.length())) + " "
                + request.headers().getOrDefault("Content-Type", "") + " → "
                + what.substring(0, Math.min(400, what.length())));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

}
