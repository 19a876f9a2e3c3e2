package io.domaindesk.front.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

import io.domaindesk.testsupport.AppProcess;
import io.domaindesk.testsupport.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole DomainDesk stack as real processes, wired the way a deployment wires it:
 * a fresh database, the dbmigrate job, the back, and the front on another origin whose
 * API_URL points the browser at the back (so CORS and the run-time config are real).
 */
final class Stack implements AutoCloseable {

    static final String ADMIN_EMAIL = "admin@e2e.example.com";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    final String adminPassword = randomSecret(12);
    final TestDatabase database = TestDatabase.create();
    // Four different ports: freePort() alone may hand out the same one twice.
    private final int[] ports = IntStream.generate(AppProcess::freePort).distinct().limit(4).toArray();
    final int backPort = ports[0];
    final int frontPort = ports[1];
    final String frontUrl = "http://localhost:" + frontPort;
    final String apiUrl = "http://localhost:" + backPort + "/api/v1";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private AppProcess back;
    private AppProcess front;

    Stack() {
        try {
            start();
        } catch (RuntimeException | Error e) {
            close(); // nothing may outlive a failed start
            throw e;
        }
    }

    private void start() {
        database.migrate(ADMIN_EMAIL, adminPassword);

        int backManagementPort = ports[2];
        Map<String, String> backEnv = new HashMap<>(database.environment());
        backEnv.put("JWT_SECRET", randomSecret(48)); // HMAC key, ≥ 32 bytes, new for every run
        backEnv.put("SERVER_PORT", Integer.toString(backPort));
        backEnv.put("MANAGEMENT_SERVER_PORT", Integer.toString(backManagementPort));
        backEnv.put("CORS_ALLOWED_ORIGINS", frontUrl);
        back = AppProcess.start("back", backEnv);

        int frontManagementPort = ports[3];
        front = AppProcess.start("front", Map.of(
                "API_URL", apiUrl,
                "SERVER_PORT", Integer.toString(frontPort),
                "MANAGEMENT_SERVER_PORT", Integer.toString(frontManagementPort)));

        back.awaitHttpOk("http://localhost:" + backManagementPort + "/actuator/health/readiness", START_TIMEOUT);
        front.awaitHttpOk("http://localhost:" + frontManagementPort + "/actuator/health/readiness", START_TIMEOUT);
    }

    /** A bearer token for the administrator, to prepare data without clicking. */
    String adminToken() {
        JsonNode answer = call("POST", "/auth/token", null,
                json.createObjectNode().put("email", ADMIN_EMAIL).put("password", adminPassword), 200);
        return answer.get("accessToken").asString();
    }

    long adminId(String token) {
        return call("GET", "/users/me", token, null, 200).get("id").asLong();
    }

    /** Creates a domain and returns its id. */
    long createDomain(String token, String name, String registrar, String expiresAt, long ownerId) {
        return call("POST", "/domains", token, json.createObjectNode()
                .put("name", name).put("registrar", registrar).put("expiresAt", expiresAt).put("ownerId", ownerId), 201)
                .get("id").asLong();
    }

    void renameRegistrar(String token, long domainId, String registrar) {
        call("PATCH", "/domains/" + domainId, token, json.createObjectNode().put("registrar", registrar), 200);
    }

    private JsonNode call(String method, String path, String token, JsonNode body, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl + path))
                .header("Accept", "application/json")
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
            return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String randomSecret(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    @Override
    public void close() {
        if (front != null) {
            front.close();
        }
        if (back != null) {
            back.close();
        }
        database.drop();
    }
}
